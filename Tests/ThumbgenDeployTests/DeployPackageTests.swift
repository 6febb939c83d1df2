import Foundation
import Testing
import ThumbgenTestSupport

@testable import ThumbgenDeploy

/// The Lambda package, built and then run in an EMPTY root (no /usr, no /lib; only the zip's
/// files under /var/task or another folder, /proc mounted): the bundled loader and libraries
/// must be enough, wherever they are unpacked.
@Suite(.serialized) struct DeployPackageTests {
    static let environment = ProcessInfo.processInfo.environment

    /// The `thumbgen` users deploy, packaged by these tests: README's release build with
    /// `--static-swift-stdlib` (``ReleaseBuild``, built once per test run), or `THUMBGEN_BINARY`.
    static func builtThumbgen() throws -> String { try ReleaseBuild.path() }

    @Test func fixturePackageHasLoaderLibcAndModes() throws {
        let package = try LambdaPackage(binaryPath: try DeployTestSupport.fixture("hello-runpath"), environment: Self.environment)
        let entries = Dictionary(uniqueKeysWithValues: package.archive.entries.map { ($0.path, $0.mode) })
        #expect(entries == ["bootstrap": 0o755, "thumbgen": 0o755, "ld.so": 0o755, "libc.so.6": 0o644])
        #expect(package.architecture == "x86_64")
        #expect(LambdaPackage.unresolvedLibraries(in: package.archive).isEmpty)
        let launcher = try #require(package.archive.entries.first { $0.path == "bootstrap" }).bytes
        #expect(launcher == LambdaLauncher.x86_64)
        let bootstrap = try ELFFile(bytes: launcher, name: "bootstrap")
        #expect(bootstrap.interpreter == nil && bootstrap.needed.isEmpty, "the launcher is static")
        let program = try ELFFile(bytes: try #require(package.archive.entries.first { $0.path == "thumbgen" }).bytes, name: "thumbgen")
        #expect(program.rpath == ["$ORIGIN"])
    }

    /// The launcher committed as bytes is what its assembly source builds to (GNU as and ld,
    /// as tools/launcher/build.sh runs them).
    @Test(.enabled(if: DeployTestSupport.onPath("as") != nil && DeployTestSupport.onPath("ld") != nil, "needs GNU as and ld (binutils)"))
    func launcherBytesMatchTheirSource() throws {
        let root = URL(fileURLWithPath: DeployTestSupport.infra).deletingLastPathComponent()
        let built = try DeployTestSupport.run(root.appendingPathComponent("tools/launcher/build.sh").path, [])
        #expect(built.status == 0, "\(built.error)")
        let enumerator = try #require(FileManager.default.enumerator(atPath: root.appendingPathComponent("Sources").path))
        let committed = try #require(enumerator.compactMap { $0 as? String }.first { $0.hasSuffix("/LambdaLauncher.swift") })
        #expect(built.output == (try String(contentsOf: root.appendingPathComponent("Sources/\(committed)"), encoding: .utf8)))
    }

    /// Unpacked anywhere (a folder with a space, not /var/task, started by its absolute path
    /// from /), as MiniStack and LocalStack unpack it: the launcher finds the loader beside it.
    @Test(.enabled(if: DeployTestSupport.canChroot, "needs root with chroot, mount and unzip (CI runs as root)"))
    func fixtureStartsWhereverItIsUnpacked() throws {
        let result = try Self.runInEmptyRoot(
            binary: try DeployTestSupport.fixture("hello-runpath"), arguments: ["x", "y"],
            taskFolder: "/tmp/ministack-provided-code-4566/some code")
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == "hello from bootstrap with 2 arguments\n")
    }

    @Test func staticCheckReportsAMissingLibrary() throws {
        var archive = ZipArchive()
        archive.add("bootstrap", Array(try Data(contentsOf: URL(fileURLWithPath: try DeployTestSupport.fixture("hello-runpath")))), mode: 0o755)
        #expect(LambdaPackage.unresolvedLibraries(in: archive) == ["bootstrap needs libc.so.6"])
    }

    /// Issue 15: `deploy --package-only -o /dev/stdout > x.zip` leaves a valid zip alone on
    /// stdout; the "Packaged …" report goes to stderr (before, it was appended to the zip).
    @Test func packageToStandardOutputIsTheZipAlone() throws {
        let folder = try DeployTestSupport.temporaryDirectory("package-stdout")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let hello = try DeployTestSupport.fixture("hello-runpath")
        let run = try BinaryRunner.shell(
            #""$THUMBGEN" deploy --package-only --binary "$1" -o /dev/stdout > piped.zip && unzip -tq piped.zip"#
                .replacingOccurrences(of: "\"$1\"", with: "'\(hello)'"),
            in: URL(fileURLWithPath: folder))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("No errors detected"), "\(run.stdout)")
        #expect(run.stderr.contains("Packaged /dev/stdout:"), "\(run.stderr)")
    }

    @Test func loaderListParsing() throws {
        let text = "\tlinux-vdso.so.1 (0x00007ffc)\n\tlibz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x00007f00)\n\t/lib64/ld-linux-x86-64.so.2 (0x00007f11)\n"
        let pairs = try LambdaPackage.parseLoaderList(text, binary: "b")
        #expect(pairs.map(\.name) == ["libz.so.1"])
        #expect(pairs.map(\.path) == ["/lib/x86_64-linux-gnu/libz.so.1"])
        #expect(throws: DeployError.self) { try LambdaPackage.parseLoaderList("\tlibq.so.9 => not found\n", binary: "b") }
    }

    /// thumbgen loads libcurl and libavif with dlopen (no `NEEDED`), so `ld.so --list` misses
    /// them; the package must still carry each with its closure, and only for binaries that name it.
    @Test func thumbgenPackageCarriesLazilyLoadedLibcurlAndItsClosure() throws {
        let binary = try Self.builtThumbgen()
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: binary)))
        #expect(LambdaPackage.mentions(bytes, "libcurl.so.4"))
        #expect(LambdaPackage.mentions(bytes, "libavif.so.15"))
        let needed = try ELFFile(bytes: bytes, name: binary).needed
        #expect(!needed.contains("libcurl.so.4") && !needed.contains("libavif.so.15"), "\(needed)")
        let package = try LambdaPackage(binaryPath: binary, environment: Self.environment)
        let names = Set(package.archive.entries.map(\.path))
        #expect(names.isSuperset(of: ["libcurl.so.4", "libnghttp2.so.14", "libssl.so.3", "libcrypto.so.3"]), "\(names.sorted())")
        #expect(names.isSuperset(of: ["libavif.so.15", "libdav1d.so.6", "libaom.so.3"]), "\(names.sorted())")
        #expect(LambdaPackage.unresolvedLibraries(in: package.archive).isEmpty)
        let hello = Array(try Data(contentsOf: URL(fileURLWithPath: try DeployTestSupport.fixture("hello-runpath"))))
        #expect(!LambdaPackage.mentions(hello, "libcurl.so.4"))
    }

    @Test(.enabled(if: DeployTestSupport.canChroot, "needs root with chroot, mount and unzip (CI runs as root)"))
    func fixtureRunsInAnEmptyRoot() throws {
        let result = try Self.runInEmptyRoot(binary: try DeployTestSupport.fixture("hello-runpath"), arguments: ["x"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == "hello from bootstrap with 1 arguments\n")
    }

    @Test(.enabled(if: DeployTestSupport.canChroot, "needs root with chroot, mount and unzip (CI runs as root)"))
    func thumbgenPackageIsDeterministicCompleteAndStartsInAnEmptyRoot() throws {
        let binary = try Self.builtThumbgen()
        let folder = try DeployTestSupport.temporaryDirectory("package-test")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["a.zip", "b.zip"] {
            let run = try DeployTestSupport.thumbgen(["deploy", "--package-only", "--binary", binary, "-o", "\(folder)/\(name)"], environment: Self.environment)
            #expect(run.status == 0, "\(run.error)")
            #expect(run.output.hasPrefix("Packaged \(folder)/\(name): "))
        }
        let first = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/a.zip"))
        #expect(first == (try Data(contentsOf: URL(fileURLWithPath: "\(folder)/b.zip"))))
        // Started as `bootstrap`, thumbgen is in Lambda mode: without a Runtime API address it
        // reports that and exits 1, which proves the loader, libraries and Swift runtime all came up.
        let result = try Self.runInEmptyRoot(zip: "\(folder)/a.zip", arguments: [], poisonHostLibraries: true)
        #expect(result.status == 1, "\(result.error)")
        #expect(result.error.contains("AWS_LAMBDA_RUNTIME_API"), "\(result.error)")
        // With a Runtime API address that refuses connections, the first `next` fails to connect
        // (the Runtime API client is thumbgen's own; it needs no library).
        let closedPort = ["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:1"]
        let connecting = try Self.runInEmptyRoot(zip: "\(folder)/a.zip", arguments: [], poisonHostLibraries: true, environment: closedPort)
        #expect(connecting.status != 0)
        #expect(connecting.error.contains("cannot connect to 127.0.0.1:1"), "\(connecting.error)")
        #expect(!connecting.error.contains("libcurl"), "\(connecting.error)")
        // S3 goes through libcurl, loaded (dlopen from /var/task through DT_RPATH) for the first
        // S3 request: against a closed S3 port the event's error report names the port; without
        // the bundled libcurl it says so in one line.
        for (removing, expected) in [([], "cannot connect to 127.0.0.1:1"), (["libcurl.so.4"], "libcurl.so.4 is needed for network commands but could not be loaded")] {
            let report = try Self.runOneS3Event(zip: "\(folder)/a.zip", removing: removing)
            #expect(report.contains(expected), "\(report)")
        }
    }

    /// Runs the package in an empty root against a Runtime API (the test's own, on 127.0.0.1)
    /// that hands out one S3 event and then goes away; S3 is a closed port.
    ///
    /// - Returns: The body of the error report posted for the event.
    static func runOneS3Event(zip: String, removing: [String]) throws -> String {
        let runtime = try RuntimeAPITestServer()
        defer { runtime.stop() }
        let event = #"{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"in"},"object":{"key":"a.jpg","size":3}}}]}"#
        runtime.enqueue(.init(requestID: "s3-event", deadlineMilliseconds: Int64(Date().timeIntervalSince1970 * 1000) + 60_000, payload: Array(event.utf8)))
        Thread.detachNewThread {
            _ = runtime.waitForPosts(1, seconds: 120)
            runtime.stop() // the bootstrap's next `next` fails and it exits
        }
        let environment = [
            "AWS_LAMBDA_RUNTIME_API": runtime.endpoint, "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:1", "AWS_REGION": "eu-west-1",
            "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret", "THUMBGEN_ORIGINALS_BUCKET": "in",
            "THUMBGEN_THUMBNAILS_BUCKET": "out",
        ]
        let run = try Self.runInEmptyRoot(zip: zip, arguments: [], poisonHostLibraries: true, environment: environment, removing: removing)
        #expect(run.status == 1, "\(run.error)")
        let posts = runtime.posts
        #expect(posts.map(\.kind) == [.error], "\(run.error)")
        return posts.first?.bodyText ?? ""
    }

    /// Packages `binary` and runs it as `TASKFOLDER/bootstrap` in an empty root.
    static func runInEmptyRoot(binary: String, arguments: [String], taskFolder: String = "/var/task") throws -> (status: Int32, output: String, error: String) {
        let folder = try DeployTestSupport.temporaryDirectory("package-zip")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let zip = try LambdaPackage(binaryPath: binary, environment: environment).zipBytes()
        try Data(zip.bytes).write(to: URL(fileURLWithPath: "\(folder)/p.zip"))
        return try runInEmptyRoot(zip: "\(folder)/p.zip", arguments: arguments, poisonHostLibraries: true, taskFolder: taskFolder)
    }

    /// Unzips `zip` into ROOT/var/task of a fresh empty root, mounts /proc, and runs
    /// `chroot ROOT /var/task/bootstrap ARGS` with `LD_LIBRARY_PATH` as Lambda sets it
    /// (`/lib64` first). With `poisonHostLibraries`, ROOT/lib64 holds a junk `libc.so.6`, so
    /// the run fails unless `DT_RPATH` wins over `LD_LIBRARY_PATH`.
    /// `environment` is added to Lambda's; `removing` names files deleted from the task folder after unzipping.
    static func runInEmptyRoot(
        zip: String, arguments: [String], poisonHostLibraries: Bool, taskFolder: String = "/var/task",
        environment: [String: String] = [:], removing: [String] = []
    ) throws -> (status: Int32, output: String, error: String) {
        let root = try DeployTestSupport.temporaryDirectory("empty-root")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: "\(root)\(taskFolder)", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(root)/proc", withIntermediateDirectories: true)
        if poisonHostLibraries {
            try FileManager.default.createDirectory(atPath: "\(root)/lib64", withIntermediateDirectories: true)
            try Data("not a library".utf8).write(to: URL(fileURLWithPath: "\(root)/lib64/libc.so.6"))
        }
        let unzip = try DeployTestSupport.run("/usr/bin/env", ["unzip", "-q", zip, "-d", "\(root)\(taskFolder)"])
        guard unzip.status == 0 else { return unzip }
        for name in removing { try FileManager.default.removeItem(atPath: "\(root)\(taskFolder)/\(name)") }
        let mount = try DeployTestSupport.run("/usr/bin/env", ["mount", "-t", "proc", "proc", "\(root)/proc"])
        guard mount.status == 0 else { return mount }
        defer { _ = try? DeployTestSupport.run("/usr/bin/env", ["umount", "\(root)/proc"]) }
        let lambdaLibraryPath = "/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib"
        return try DeployTestSupport.run(
            DeployTestSupport.onPath("chroot") ?? "/usr/sbin/chroot", [root, "\(taskFolder)/bootstrap"] + arguments,
            environment: ["LD_LIBRARY_PATH": lambdaLibraryPath, "PATH": "/usr/bin:/bin", "LAMBDA_TASK_ROOT": taskFolder]
                .merging(environment) { _, added in added }
        )
    }
}
