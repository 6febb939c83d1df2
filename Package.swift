// swift-tools-version:6.0
// thumbgen: one binary that makes thumbnails locally, talks to S3 and CloudWatch Logs,
// deploys itself, and runs as its own AWS Lambda custom runtime.
// Layout and dependency direction: see README.md "Architecture" (arrows point down only).
import PackageDescription

let package = Package(
    name: "thumbgen",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "thumbgen", targets: ["thumbgen"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // `thumbgen serve`'s HTTP server (NIOCore/NIOPosix/NIOHTTP1 import no Foundation).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
    ],
    targets: [
        // MARK: C shims (the only places that include C library headers)
        // libjpeg and libpng are linked from Debian's static archives (libjpeg62-turbo-dev and
        // libpng-dev ship them; LittleCMS's -dev does not): two fewer libraries to load at start-up.
        .target(name: "CThumbgenJPEG", linkerSettings: [.unsafeFlags(["-Xlinker", "-l:libjpeg.a"])]),
        .target(name: "CThumbgenPNG", linkerSettings: [.unsafeFlags(["-Xlinker", "-l:libpng16.a"]), .linkedLibrary("z"), .linkedLibrary("m")]),
        .target(name: "CThumbgenLCMS", linkerSettings: [.linkedLibrary("lcms2")]),
        // libwebp from Debian's static archives too (libwebp-dev ships them; libavif-dev does not).
        .target(name: "CThumbgenWebP", linkerSettings: [.unsafeFlags(["-Xlinker", "-l:libwebpdemux.a", "-Xlinker", "-l:libwebp.a"]), .linkedLibrary("m")]),
        // libavif is loaded with dlopen on first use (its AV1 codecs and abseil are 24 libraries
        // that no other command should load at start); the shim only needs its header.
        .target(name: "CThumbgenAVIF"),
        // libcurl is dlopen'ed on first use (network commands only), not linked: see CThumbgenCurl.h.
        .target(name: "CThumbgenCurl"),
        .target(name: "CThumbgenZlib", linkerSettings: [.linkedLibrary("z")]),

        // MARK: The floor: helpers every layer uses (file I/O, encodings, calendar, locks, signals)
        .target(name: "ThumbgenBasics"),

        // MARK: Core libraries
        .target(name: "ThumbgenImaging", dependencies: ["CThumbgenJPEG", "CThumbgenPNG", "CThumbgenLCMS", "CThumbgenWebP", "CThumbgenAVIF"]),
        .target(name: "ThumbgenSigV4", dependencies: ["ThumbgenBasics", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "ThumbgenHTTP", dependencies: ["CThumbgenCurl"]),
        .target(
            name: "ThumbgenAWS",
            dependencies: [
                "ThumbgenBasics", "ThumbgenSigV4", "ThumbgenHTTP", .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(name: "ThumbgenLambda", dependencies: ["ThumbgenBasics", "ThumbgenHTTP"]),
        // The thumbnail function: S3 events and API Gateway routes, the thumbnail key scheme, over a
        // storage protocol. Where imaging, AWS and the Lambda runtime meet; used by the Lambda and `serve`.
        .target(
            name: "ThumbgenService",
            dependencies: [
                "ThumbgenBasics", "ThumbgenImaging", "ThumbgenHTTP", "ThumbgenAWS", "ThumbgenLambda",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),

        // MARK: The two subsystems the CLI drives
        // `thumbgen deploy`: the Lambda package (ELF, zip, closure check), the Terraform driver,
        // the stack outputs file. Carries infra/*.tf (EmbedInfraPlugin).
        .target(
            name: "ThumbgenDeploy",
            dependencies: [
                "ThumbgenBasics", "CThumbgenZlib", .product(name: "Crypto", package: "swift-crypto"),
            ], plugins: ["EmbedInfraPlugin"]),
        // `thumbgen serve`: the local HTTP server, API Gateway event mapping, local presigning, storage.
        .target(
            name: "ThumbgenServe",
            dependencies: [
                "ThumbgenBasics", "ThumbgenImaging", "ThumbgenSigV4", "ThumbgenHTTP", "ThumbgenLambda", "ThumbgenService",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),

        // MARK: The program: argv, help, the command table, and the glue to one library call each
        .target(
            name: "ThumbgenCLI",
            dependencies: [
                "ThumbgenBasics", "ThumbgenImaging", "ThumbgenHTTP", "ThumbgenAWS", "ThumbgenLambda",
                "ThumbgenService", "ThumbgenDeploy", "ThumbgenServe",
            ]),
        // Build-time only: infra/*.tf → InfraFiles.swift inside ThumbgenDeploy (no copy in git).
        .executableTarget(name: "embed-infra"),
        .plugin(name: "EmbedInfraPlugin", capability: .buildTool(), dependencies: ["embed-infra"]),
        // The Swift runtime linked statically into the executable (what `--static-swift-stdlib`
        // does, here so README's one `swift build -c release` gets it): 11 fewer shared libraries
        // and far fewer symbol lookups at start-up (bench/startup_bench.py). The static
        // FoundationEssentials needs its two helper archives named, which only a compile against
        // the static resource folder would add by itself. `--no-export-dynamic` undoes the
        // `--export-dynamic` of the toolchain's static-stdlib link arguments: nothing looks up the
        // executable's own symbols by name, and without them its dynamic symbol table shrinks
        // from 17,496 entries to 468, which the loader's `dladdr` scans and every process maps
        // (`--version` peak RSS 13.5 -> 12.0 MB; README "Benchmarks").
        //
        // Linked by lld (the toolchain's `ld.lld`; swiftc's default here is GNU gold), in every
        // configuration so the tests, which package the debug binary as the Lambda, run what
        // users deploy: `-z pack-relative-relocs` stores the 58,561 relative relocations the
        // loader applies at every start as DT_RELR, 11.5 KB instead of a 1.4 MB `.rela.dyn`
        // (glibc reads DT_RELR since 2.36, Debian 12's; the Lambda package bundles that loader,
        // so provided.al2023's glibc 2.34 never sees it: DeployPackageTests, WholeStackTests).
        // Release builds also place first the functions that `--version`, `--help`, `resize` and
        // the Lambda's start execute (tools/link-order/thumbgen.order, from callgrind runs by
        // tools/link-order/make_order.py; names lld no longer finds are ignored): the kernel maps
        // code 64 KB around each touched page, so the few hundred KB a command runs, spread over
        // the 14 MB `.text`, kept 9.4 MB of it resident. Both: resident code of a thumbnail
        // 9.4 -> 3.3 MB; peak RSS of `--version` 12.0 -> 7.3 MB, of an 8x8 JPEG thumbnail
        // 15.7 -> 9.7 MB, of the 22 MP progressive JPEG 28.9 -> 22.9 MB; 60 fewer page faults
        // per start; time within noise (README "Benchmarks", "Start-up: lld, DT_RELR").
        .executableTarget(
            name: "thumbgen", dependencies: ["ThumbgenCLI"],
            linkerSettings: [
                .unsafeFlags(["-static-stdlib", "-l_FoundationCollections", "-l_FoundationCShims", "-Xlinker", "--no-export-dynamic"]),
                .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"], .when(platforms: [.linux])),
                .unsafeFlags(
                    [
                        "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/tools/link-order/thumbgen.order",
                        "-Xlinker", "--no-warn-symbol-ordering",
                    ], .when(platforms: [.linux], configuration: .release)),
            ]),

        // MARK: Tests
        // The test servers and harness code the test targets share (SeaweedFS, moto, the test's own
        // Lambda Runtime API server). Used only by test targets; no product depends on it.
        .target(name: "ThumbgenTestSupport", dependencies: ["ThumbgenAWS", "ThumbgenHTTP", "ThumbgenSigV4"], path: "Tests/Support"),
        .testTarget(name: "ThumbgenBasicsTests", dependencies: ["ThumbgenBasics"]),
        .testTarget(
            name: "ThumbgenImagingTests",
            dependencies: [
                "ThumbgenImaging", "CThumbgenZlib", .product(name: "Crypto", package: "swift-crypto"),
            ], resources: [.copy("Fixtures")]),
        .testTarget(name: "ThumbgenSigV4Tests", dependencies: ["ThumbgenSigV4", "ThumbgenBasics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ThumbgenHTTPTests", dependencies: ["ThumbgenHTTP", "ThumbgenTestSupport"]),
        .testTarget(name: "ThumbgenAWSTests", dependencies: ["ThumbgenAWS", "ThumbgenHTTP", "ThumbgenSigV4", "ThumbgenTestSupport"]),
        .testTarget(name: "ThumbgenLambdaTests", dependencies: ["ThumbgenLambda", "ThumbgenHTTP", "ThumbgenTestSupport"]),
        .testTarget(
            name: "ThumbgenServiceTests",
            dependencies: [
                "ThumbgenService", "ThumbgenImaging", "ThumbgenAWS", "ThumbgenHTTP", "ThumbgenLambda", "ThumbgenTestSupport",
            ], resources: [.copy("Fixtures")]),
        // Deploy and serve tests also drive their commands in-process (`deploy ...`, `serve ...`).
        .testTarget(
            name: "ThumbgenDeployTests",
            dependencies: [
                "ThumbgenDeploy", "ThumbgenBasics", "ThumbgenAWS", "ThumbgenHTTP", "ThumbgenCLI", "ThumbgenTestSupport",
            ], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "ThumbgenServeTests",
            dependencies: [
                "ThumbgenServe", "ThumbgenBasics", "ThumbgenService", "ThumbgenAWS", "ThumbgenHTTP", "ThumbgenCLI", "ThumbgenTestSupport",
            ], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "ThumbgenCLITests",
            dependencies: [
                "ThumbgenCLI", "ThumbgenBasics", "ThumbgenImaging", "ThumbgenAWS", "ThumbgenHTTP", "ThumbgenService", "ThumbgenDeploy",
                "ThumbgenLambda", "ThumbgenTestSupport",
            ], resources: [.copy("Fixtures")]),
    ]
)

// The same Swift settings for every target (as swift-log does).
for target in package.targets where target.type != .system && target.type != .plugin && !target.name.hasPrefix("C") {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny")
        ]
}
