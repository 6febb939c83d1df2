import Foundation
import Testing

@testable import ThumbgenImaging

/// Issue 12's findings 1 to 4, each with the small file that showed it, built in the test.
///
/// Memory is checked the only deterministic way: an exit test's child process limits its own
/// address space (RLIMIT_AS, current size + a budget) and then decodes; it must exit 0 (the
/// expected outcome), not with another code (wrong outcome) or by a signal (an allocation
/// failure ends a Swift process). Time is only bounded by a generous RLIMIT_CPU that catches
/// hangs (seconds where the bug took tens of seconds), never asserted.
@Suite struct HostileInputTests {
    /// Finding 1: a 1-pixel-high 1-bit grey PNG declaring 10,000,000 pixels of width (1.3 KB)
    /// peaked at 733 MB in the resampler's weight table and float line. Now it becomes a
    /// 256 × 1 thumbnail within 256 MB (the decoded row itself is 10 MB).
    @Test func veryWidePNGThumbnailsInBoundedMemory() async {
        await #expect(processExitsWith: .exitCode(0)) {
            HostileRuns.thumbnail(HostileRuns.widePNG(width: 10_000_000), expectedSize: PixelSize(width: 256, height: 1), budgetMegabytes: 256)
        }
    }

    /// Finding 1, the other axis: 1 × 10,000,000.
    @Test func veryTallPNGThumbnailsInBoundedMemory() async {
        await #expect(processExitsWith: .exitCode(0)) {
            HostileRuns.thumbnail(HostileRuns.tallPNG(height: 10_000_000), expectedSize: PixelSize(width: 1, height: 256), budgetMegabytes: 256)
        }
    }

    /// The box pre-shrink for extreme ratios stays within one level of the exact filter.
    @Test(arguments: [
        (PixelSize(width: 5000, height: 3), PixelSize(width: 40, height: 1)),
        (PixelSize(width: 2, height: 4000), PixelSize(width: 1, height: 25)),
        (PixelSize(width: 640, height: 480), PixelSize(width: 16, height: 12)),
    ])
    func boxPreShrinkMatchesReference(source: PixelSize, output: PixelSize) {
        for layout in [PixelLayout.gray, .rgba] {
            let image = TestImages.synthetic(source, layout: layout)
            let fast = image.resampled(to: output)
            let reference = ReferenceResampler.resample(image, to: output)
            let maxDifference = zip(fast.pixels, reference.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 99
            #expect(maxDifference <= 1, "\(layout) \(source) to \(output)")
        }
    }

    @Test func weightTablesDoNotGrowWithTheSource() throws {
        let resampler = Resampler(from: PixelSize(width: 100_000_000, height: 1), to: PixelSize(width: 256, height: 1))
        let table = try #require(resampler.horizontal)
        #expect(resampler.horizontalBox.factor == 24_414)
        #expect(table.stride <= 6 * 32 + 2)
        #expect(table.weights.count == table.stride * 256)
    }

    /// Finding 2: a ~60-byte N × 1 16-bit RGBA PNG with an empty IDAT made libpng allocate
    /// 16 × N bytes of row buffers before the pixel limit was checked (3.9 GB for N = 500 M).
    /// Reading its header now allocates nothing, and decoding is refused before libpng does.
    @Test func hugeDeclaredPNGIsRefusedBeforeAllocating() async {
        await #expect(processExitsWith: .exitCode(0)) {
            HostileRuns.refused(HostileRuns.emptyRGBA16(width: 500_000_000), budgetMegabytes: 64)
        }
    }

    /// Finding 2, under the pixel limit: 50 M × 1 16-bit RGBA is 50 M pixels (allowed) but a
    /// 400 MB row: refused by the row-bytes bound, not after allocating it.
    @Test func wideRowPNGIsRefusedByTheRowBound() async {
        await #expect(processExitsWith: .exitCode(0)) {
            HostileRuns.refused(HostileRuns.emptyRGBA16(width: 50_000_000), budgetMegabytes: 64)
        }
    }

    @Test func rowBoundMessageNamesTheFileAndTheCause() {
        let file = HostileRuns.emptyRGBA16(width: 50_000_000)
        do {
            _ = try Thumbnailer.makeThumbnail(from: file, name: "wide.png", options: ThumbnailOptions())
            Issue.record("a 400 MB row was decoded")
        } catch {
            #expect(error.code == .tooManyPixels)
            #expect(error.message == "wide.png: a row of 50000000 pixels needs 400000000 bytes, more than the limit of 67108864")
        }
    }

    /// Finding 3: a progressive JPEG repeating an AC scan 2,000 times (each pass over every
    /// block costs milliseconds). Refused past 100 scans.
    @Test func scanBombIsRefused() throws {
        let bomb = HostileFiles.repeatingACScan(try CodecTestImages.fixture("kodim23-progressive.jpg"), extra: 2_000)
        #expect(bomb.count < 1_000_000)
        do {
            _ = try Thumbnailer.makeThumbnail(from: bomb, name: "scans.jpg", options: ThumbnailOptions())
            Issue.record("a JPEG of 2,000+ scans was decoded")
        } catch {
            #expect(error.code == .corrupt)
            #expect(error.message == "scans.jpg: JPEG refused: more than 100 scans (a progressive JPEG normally has about 10)")
        }
        // A few repeats (still under the limit) decode as before.
        let few = HostileFiles.repeatingACScan(try CodecTestImages.fixture("kodim23-progressive.jpg"), extra: 5)
        #expect(throws: Never.self) { try Thumbnailer.makeThumbnail(from: few, name: "few.jpg", options: ThumbnailOptions()) }
    }

    /// Found by fuzz/: arithmetic-coded data that ends at a marker long before the last row
    /// was decoded from zero bits to the end (288 bytes → 11 MP of made-up pixels, over 2 s).
    @Test func arithmeticDataEndingEarlyIsRefused() throws {
        let found = try CodecTestImages.fixture("fuzz-arithmetic-early-end.jpg")
        let arithmetic = try CodecTestImages.fixture("kodim23-arithmetic.jpg")
        // The parrots cut in the middle of their scan and closed with EOI.
        let cut = Array(arithmetic.prefix(arithmetic.count / 2)) + [0xFF, 0xD9]
        for (name, file) in [("found.jpg", found), ("cut.jpg", cut)] {
            do {
                _ = try Thumbnailer.makeThumbnail(from: file, name: name, options: ThumbnailOptions())
                Issue.record("\(name) was decoded")
            } catch {
                #expect(error.code == .corrupt)
                #expect(error.message == "\(name): corrupt JPEG data: premature end of arithmetic-coded data")
            }
        }
        // The whole file still decodes.
        #expect(throws: Never.self) { try Thumbnailer.makeThumbnail(from: arithmetic, name: "whole.jpg", options: ThumbnailOptions()) }
    }

    /// Finding 3: 200,000 empty APP1 markers (800 KB) before a real EXIF took time quadratic
    /// in their number (every APP1 was saved to the end of a linked list). Now they are
    /// skipped and the EXIF orientation after them is still read.
    @Test func emptyMarkerFloodIsLinear() async {
        await #expect(processExitsWith: .exitCode(0)) {
            HostileRuns.markerFlood()
        }
    }

    /// Finding 4: 100 zTXt chunks each inflating to 7.9 MB (790 MB of text, 7.7 s). Text is no
    /// longer inflated: the thumbnail is made at once.
    @Test func compressedTextIsNotInflated() async {
        await #expect(processExitsWith: .exitCode(0)) {
            HostileRuns.textBomb()
        }
    }
}

/// The bodies of the exit tests (run in a child process; they end it with a status).
enum HostileRuns {
    static func widePNG(width: Int) -> [UInt8] {
        HostileFiles.png(
            width: UInt32(width), height: 1, bitDepth: 1, colorType: 0,
            idat: HostileFiles.zlib(HostileFiles.zeroRows(height: 1, rowBytes: (width + 7) / 8)))
    }

    static func tallPNG(height: Int) -> [UInt8] {
        HostileFiles.png(
            width: 1, height: UInt32(height), bitDepth: 1, colorType: 0,
            idat: HostileFiles.zlib(HostileFiles.zeroRows(height: height, rowBytes: 1)))
    }

    static func emptyRGBA16(width: Int) -> [UInt8] {
        HostileFiles.png(width: UInt32(width), height: 1, bitDepth: 16, colorType: 6, idat: [])
    }

    /// Exit 0 when `file` makes a thumbnail of `expectedSize` within the budget, 1 on a wrong
    /// size, 2 on an error.
    static func thumbnail(_ file: [UInt8], expectedSize: PixelSize, budgetMegabytes: Int) -> Never {
        ProcessLimits.addressSpace(plusMegabytes: budgetMegabytes)
        ProcessLimits.cpu(plusSeconds: 30)
        do {
            let thumbnail = try Thumbnailer.makeThumbnail(from: file, name: "hostile.png", options: ThumbnailOptions())
            exit(thumbnail.size == expectedSize ? 0 : 1)
        } catch {
            FileHandle.standardError.write(Data((error.message + "\n").utf8))
            exit(2)
        }
    }

    /// Exit 0 when reading the header succeeds and the thumbnail is refused with
    /// `.tooManyPixels`, within the budget.
    static func refused(_ file: [UInt8], budgetMegabytes: Int) -> Never {
        ProcessLimits.addressSpace(plusMegabytes: budgetMegabytes)
        guard (try? ImageDecoder.readHeader(file, name: "h.png")) != nil else { exit(3) }
        do {
            _ = try Thumbnailer.makeThumbnail(from: file, name: "hostile.png", options: ThumbnailOptions())
            exit(1)
        } catch {
            FileHandle.standardError.write(Data((error.message + "\n").utf8))
            exit(error.code == .tooManyPixels ? 0 : 2)
        }
    }

    static func markerFlood() -> Never {
        guard let fixture = try? CodecTestImages.fixture("orient-6.jpg") else { exit(4) }
        let file = HostileFiles.withEmptyMarkers(fixture, marker: 0xE1, count: 200_000)
        guard file.count < 1_000_000 else { exit(5) }
        ProcessLimits.cpu(plusSeconds: 10)
        do {
            let header = try ImageDecoder.readHeader(file, name: "flood.jpg")
            let thumbnail = try Thumbnailer.makeThumbnail(from: file, name: "flood.jpg", options: ThumbnailOptions())
            exit(header.orientation == .right && thumbnail.sourceSize == PixelSize(width: 48, height: 32) ? 0 : 1)
        } catch {
            FileHandle.standardError.write(Data((error.message + "\n").utf8))
            exit(2)
        }
    }

    static func textBomb() -> Never {
        let text = HostileFiles.zlib([UInt8](repeating: 0x41, count: 7_900_000))
        let zTXt = Array("Comment".utf8) + [0, 0] + text
        let file = HostileFiles.png(
            width: 1, height: 1, bitDepth: 8, colorType: 0,
            before: Array(repeating: ("zTXt", zTXt), count: 100),
            idat: HostileFiles.zlib([0, 0x80]))
        guard file.count < 1_000_000 else { exit(5) }
        ProcessLimits.cpu(plusSeconds: 4)
        do {
            let thumbnail = try Thumbnailer.makeThumbnail(from: file, name: "text.png", options: ThumbnailOptions())
            exit(thumbnail.size == PixelSize(width: 1, height: 1) ? 0 : 1)
        } catch {
            FileHandle.standardError.write(Data((error.message + "\n").utf8))
            exit(2)
        }
    }
}
