import Foundation
import Testing
import ThumbgenTestSupport

/// `thumbgen resize` batches as a user sees them on a terminal and in scripts: interruption,
/// failures recapped, the pixel limit, `--format auto` on the pixels, `--keep-metadata` (issue 15).
@Suite(.serialized) struct ResizeBatchEndToEndTests {
    private static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    /// Runs `thumbgen ARGUMENTS` on a pseudo-terminal (stdout and stderr both the terminal),
    /// sends SIGINT once `interruptAfter` output lines have appeared (never when nil), and
    /// returns the exit status and everything printed.
    private func runOnTerminal(_ arguments: [String], in folder: URL, interruptAfter: Int?) throws -> (status: Int32, text: String) {
        let script = """
            import os, pty, signal, sys, select, time
            after = int(sys.argv[1]); binary = sys.argv[2]; args = sys.argv[3:]
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(binary, [binary] + args)
            out = b""; sent = False; deadline = time.time() + 120
            while time.time() < deadline:
                ready, _, _ = select.select([fd], [], [], 0.5)
                if ready:
                    try:
                        chunk = os.read(fd, 65536)
                    except OSError:
                        break
                    if not chunk:
                        break
                    out += chunk
                if after >= 0 and not sent and out.count(b" -> ") >= after:
                    os.kill(pid, signal.SIGINT); sent = True
            _, status = os.waitpid(pid, 0)
            sys.stdout.buffer.write(out)
            sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)
            """
        let result = try BinaryRunner.run(
            ["-c", script, String(interruptAfter ?? -1), BinaryRunner.binary.path] + arguments,
            in: folder, executable: URL(fileURLWithPath: "/usr/bin/python3"))
        return (result.status, result.stdout + result.stderr)
    }

    @Test func ctrlCSaysWhereTheBatchStopped() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path("in"), withIntermediateDirectories: true)
        for index in 0..<36 { _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "in/p\(index).jpg") }
        let result = try runOnTerminal(["resize", "in", "--out-dir", "out", "--size", "512", "-j", "1"], in: folder.url, interruptAfter: 2)
        #expect(result.status == 130, "output: \(result.text)")
        let text = result.text
        let start = try #require(text.range(of: "interrupted after "), "no interrupted summary: \(text)")
        let summary = String(text[start.lowerBound...].prefix { $0 != "\n" && $0 != "\r" })
        let finished = try #require(Int(summary.split(separator: " ")[2]), "\(summary)")
        #expect(summary.hasPrefix("interrupted after \(finished) of 36 files: \(finished) done, 0 failed;"), "\(summary)")
        #expect(finished >= 2 && finished < 36)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("out")).filter { $0.hasSuffix(".jpg") }.count == finished)
        // The progress bar was drawn on the terminal.
        #expect(result.text.contains("] 1/36"), "no progress bar: \(result.text)")
    }

    @Test func imageBytesAreNeverWrittenToATerminal() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try runOnTerminal(["resize", BinaryRunner.example("photo.jpg").path, "-o", "-"], in: folder.url, interruptAfter: nil)
        #expect(result.status == 2)
        #expect(result.text.hasPrefix("thumbgen: standard output is a terminal; redirect it (> thumb.jpg) or name an output file with -o"), "\(result.text)")
    }

    @Test func failuresAreListedAgainAtTheEnd() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for index in 0..<5 { _ = try folder.copy(BinaryRunner.example("photo.jpg"), as: "good\(index).jpg") }
        FileManager.default.createFile(atPath: folder.path("bad.jpg"), contents: Data("<html>".utf8))
        let result = try BinaryRunner.run(["resize", "bad.jpg", "good0.jpg", "good1.jpg", "missing.jpg", "good2.jpg", "--size", "16"], in: folder.url)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let recap = try #require(lines.firstIndex(of: "Failed (2):"), "\(result.stderr)")
        #expect(lines[recap - 1].hasPrefix("5 files: 3 done, 2 failed;"), "\(result.stderr)")
        #expect(lines.count == recap + 3)
        #expect(lines[recap + 1] == "  missing.jpg: no such file or folder")
        #expect(lines[recap + 2].hasPrefix("  bad.jpg: "))
    }

    @Test func pixelLimitNamesTheFlag() throws {
        let result = try BinaryRunner.run(["resize", BinaryRunner.example("photo.jpg").path, "-o", "/dev/null", "--format", "jpeg", "--max-pixels", "1000"])
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix(": 1136x852 is 967872 pixels, more than the limit of 1000 (raise it with --max-pixels)\n"), "\(result.stderr)")
    }

    @Test func autoFormatKeysOnThePixels() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let opaque = Self.fixtures.appendingPathComponent("opaque-rgba.png").path
        let translucent = Self.fixtures.appendingPathComponent("one-translucent-pixel.png").path
        let result = try BinaryRunner.run(["resize", opaque, translucent, "--out-dir", "out", "--size", "32"], in: folder.url)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(EncodedDimensions.of(folder.path("out/opaque-rgba.jpg"))?.format == "jpeg")
        #expect(EncodedDimensions.of(folder.path("out/one-translucent-pixel.png"))?.format == "png")
    }

    @Test func keptMetadataCarriesTheThumbnailsPixelDimensions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try BinaryRunner.run(["resize", BinaryRunner.example("photo.jpg").path, "-o", "k.jpg", "--keep-metadata", "--size", "100"], in: folder.url)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        // photo.jpg's Exif IFD says 1136x852 (LONG); the 100x75 thumbnail must say so too.
        #expect(try #require(Self.exifPixelDimensions(folder.path("k.jpg"))) == [100, 75])
    }

    /// PixelXDimension and PixelYDimension (0xA002, 0xA003) from a JPEG's APP1, read here
    /// independently of the code under test.
    static func exifPixelDimensions(_ path: String) -> [Int]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        guard let start = (0..<(bytes.count - 6)).first(where: { Array(bytes[$0..<$0 + 6]) == Array("Exif".utf8) + [0, 0] }) else { return nil }
        let tiff = Array(bytes[(start + 6)...])
        let little = tiff[0] == 0x49
        func u16(_ o: Int) -> Int { little ? Int(tiff[o]) | Int(tiff[o + 1]) << 8 : Int(tiff[o]) << 8 | Int(tiff[o + 1]) }
        func u32(_ o: Int) -> Int { little ? u16(o) | u16(o + 2) << 16 : u16(o) << 16 | u16(o + 2) }
        func entries(_ ifd: Int) -> [(tag: Int, type: Int, field: Int)] {
            (0..<u16(ifd)).map {
                let e = ifd + 2 + 12 * $0; return (u16(e), u16(e + 2), e + 8)
            }
        }
        guard let pointer = entries(u32(4)).first(where: { $0.tag == 0x8769 }) else { return nil }
        let exif = entries(u32(pointer.field))
        return [0xA002, 0xA003].compactMap { tag in
            exif.first { $0.tag == tag }.map { $0.type == 3 ? u16($0.field) : u32($0.field) }
        }
    }
}
