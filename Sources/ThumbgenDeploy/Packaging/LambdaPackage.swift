import Crypto
import FoundationEssentials
import ThumbgenBasics

/// The Lambda deployment package of a thumbgen binary, for the `provided.al2023` runtime.
///
/// Layout, flat in one folder (`/var/task` on Lambda; anywhere else too; see infra/README.md
/// "Packaging"):
/// - `bootstrap` (0755), x86-64: ``LambdaLauncher`` (816 bytes, static), which runs
///   `DIR/ld.so --argv0 ARGV0 DIR/thumbgen` for the folder DIR it was started from, so the
///   package starts wherever it is unpacked (MiniStack and LocalStack unpack it elsewhere).
/// - `thumbgen` (0755), x86-64: the binary, its `DT_RUNPATH $ORIGIN` turned into
///   `DT_RPATH $ORIGIN`, so the bundled loader and libraries are used, never the host's
///   (Amazon Linux 2023 has glibc 2.34; a Debian 12 build needs 2.36). `DT_RPATH` is searched
///   before Lambda's `LD_LIBRARY_PATH` (where `/lib64` comes first) and applies to every
///   library loaded on the binary's behalf; `DT_RUNPATH` would not (ld.so(8) "Dynamic search
///   order").
/// - arm64 (no launcher yet): `bootstrap` is the binary itself, its program interpreter
///   (`PT_INTERP`) rewritten to ``interpreterPath``, so it starts only from `/var/task`.
/// - `ld.so` (0755): the dynamic loader (its `DT_SONAME` still answers `libc.so.6`'s
///   `NEEDED ld-linux-x86-64.so.2`).
///   The binary's debug info, symbol table and section headers are dropped (they are never
///   loaded; 36 MB → 17 MB for a release build).
/// - `NAME` (0644): every other shared library of the closure, under its `NEEDED` name; the
///   closure includes the libraries loaded on first use (``lazyLibraries``, e.g. libcurl).
///
/// Both strings are rewritten in place, so they must fit: `/var/task/ld.so` (15 bytes) in
/// `/lib64/ld-linux-x86-64.so.2` (27), and `$ORIGIN` (7) in the `$ORIGIN` that swiftc puts
/// in every executable. The closure is what the host's own loader resolves
/// (`ld.so --list BINARY`, what ldd(1) runs), read at package time.
package struct LambdaPackage: Sendable {
    /// Where Lambda unpacks the zip (`LAMBDA_TASK_ROOT`).
    package static let taskRoot = "/var/task"
    /// The binary's name beside the launcher (x86-64); the launcher runs `DIR/thumbgen`.
    package static let programName = "thumbgen"
    /// The bundled loader's absolute path at run time, for arm64 packages (no launcher). Short
    /// enough to fit in place of `/lib/ld-linux-aarch64.so.1`.
    package static let interpreterPath = "/var/task/ld.so"
    /// The search path: the folder of `bootstrap` itself (`/var/task` on Lambda).
    package static let searchPath = "$ORIGIN"

    /// The zip entries.
    var archive: ZipArchive
    /// `x86_64` or `arm64`, as Lambda's `architectures` wants it.
    package var architecture: String
    /// The host paths of the bundled libraries, loader included, sorted.
    package var libraries: [String]

    /// Builds the package of the ELF executable at `binaryPath`.
    ///
    /// - Parameters:
    ///   - binaryPath: the thumbgen executable (usually the running one, `/proc/self/exe`).
    ///   - environment: the environment for the loader's `--list` run.
    /// - Throws: ``DeployError`` `.notELF`, `.cannotRewrite` (no `DT_RPATH`/`DT_RUNPATH` to
    ///   rewrite), `.libraryNotFound` (the loader reports `not found`, or a bundled file's
    ///   `NEEDED` is not in the zip), `.fileSystem`, `.spawnFailed`.
    package init(binaryPath: String, environment: [String: String]) throws(DeployError) {
        var binary = try ELFFile(bytes: Self.read(binaryPath), name: binaryPath)
        switch binary.machine {
        case 62: architecture = "x86_64"
        case 183: architecture = "arm64"
        default: throw DeployError(.notELF, "\(binaryPath): machine \(binary.machine) is neither x86-64 nor AArch64")
        }
        guard let hostLoader = binary.interpreter else {
            throw DeployError(.cannotRewrite, "\(binaryPath): has no program interpreter (PT_INTERP); is it static?")
        }
        let listed = try DeployError.spawning { () throws(ProcessError) in
            try ChildProcess.run(hostLoader, ["--list", binaryPath], environment: environment, captureOutput: true)
        }
        let loaded = try Self.parseLoaderList(String(decoding: listed.output, as: UTF8.self), binary: binaryPath)
        guard listed.status == 0 else {
            throw DeployError(.libraryNotFound, "\(binaryPath): \(hostLoader) --list exited with status \(listed.status)")
        }
        let closure = try Self.addingLazyLibraries(to: loaded, binary: binary.bytes, hostLoader: hostLoader, environment: environment)
        try binary.setRPath(Self.searchPath)
        archive = ZipArchive()
        if architecture == "x86_64" {
            binary.stripNonLoadedData()
            archive.add("bootstrap", LambdaLauncher.x86_64, mode: 0o755)
            archive.add(Self.programName, binary.bytes, mode: 0o755)
        } else {
            try binary.setInterpreter(Self.interpreterPath)
            binary.stripNonLoadedData()
            archive.add("bootstrap", binary.bytes, mode: 0o755)
        }
        archive.add("ld.so", try Self.read(hostLoader), mode: 0o755)
        var libraries = [hostLoader]
        for (name, path) in closure where path != hostLoader && FileIO.realPath(path) != FileIO.realPath(hostLoader) {
            archive.add(name, try Self.read(path), mode: 0o644)
            libraries.append(path)
        }
        self.libraries = libraries.sorted()
        if let missing = Self.unresolvedLibraries(in: archive).first {
            throw DeployError(.libraryNotFound, "\(binaryPath): package incomplete: \(missing)")
        }
    }

    /// Parses `ld.so --list` output: lines `\tNAME => PATH (0xADDRESS)`; lines without `=>`
    /// (the vDSO, the loader itself) carry nothing to bundle.
    ///
    /// - Returns: (`NEEDED` name, host path) pairs.
    /// - Throws: ``DeployError`` `.libraryNotFound` for a `NAME => not found` line.
    package static func parseLoaderList(_ text: String, binary: String) throws(DeployError) -> [(name: String, path: String)] {
        var pairs: [(name: String, path: String)] = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " => ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = parts[0].trimmingWhitespace
            let rest = parts[1].trimmingWhitespace
            if rest.hasPrefix("not found") { throw DeployError(.libraryNotFound, "\(binary): needs \(name), which was not found") }
            let path = rest.split(separator: " (", maxSplits: 1).first.map(String.init) ?? rest
            pairs.append((name, path))
        }
        return pairs
    }

    /// The zip bytes (deterministic) and their Base64 SHA-256.
    package func zipBytes() throws(DeployError) -> (bytes: [UInt8], sha256: String) {
        let bytes = try archive.serialized()
        return (bytes, Self.codeSHA256(of: bytes))
    }

    /// The SHA-256 of `bytes` (FIPS 180-4, by swift-crypto) as standard Base64 (RFC 4648
    /// section 4): the form of Lambda's `CodeSha256` and Terraform's `source_code_hash`.
    ///
    /// - Parameter bytes: The zip file.
    /// - Returns: 44 characters, e.g. `47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=` for no bytes.
    package static func codeSHA256(of bytes: [UInt8]) -> String {
        Data(SHA256.hash(data: bytes)).base64EncodedString()
    }

    private static func read(_ path: String) throws(DeployError) -> [UInt8] {
        do { return try FileIO.read(path) } catch { throw DeployError(.fileSystem, "\(error)") }
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs (as `ld.so --list` indents).
    package var trimmingWhitespace: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
