import Testing

@testable import ThumbgenImaging

/// ``PixelBuffer/resampled(to:)``: invariants, alpha handling, and agreement with
/// ``ReferenceResampler``.
@Suite struct ResamplerTests {
    static let sizes = [
        PixelSize(width: 7, height: 5), PixelSize(width: 33, height: 20),
        PixelSize(width: 64, height: 3), PixelSize(width: 1, height: 1),
    ]

    @Test(arguments: [PixelLayout.gray, .grayAlpha, .rgb, .rgba])
    func constantStaysConstantExactly(layout: PixelLayout) {
        let value: [UInt8] = [200, 17, 99, 128].prefix(layout.channels).map { $0 }
        let source = PixelBuffer(
            size: PixelSize(width: 40, height: 30), layout: layout,
            pixels: Array((0..<1200).map { _ in value }.joined()))
        for size in Self.sizes + [PixelSize(width: 97, height: 61), PixelSize(width: 40, height: 7)] {
            let result = source.resampled(to: size)
            #expect(result.size == size)
            #expect(result.layout == layout)
            #expect(result.pixels == Array((0..<size.area).map { _ in value }.joined()), "\(layout) to \(size)")
        }
    }

    @Test(arguments: [PixelSize(width: 64, height: 20), PixelSize(width: 77, height: 9), PixelSize(width: 500, height: 30)])
    func horizontalGradientStaysMonotonic(size: PixelSize) {
        let (w, h) = (200, 50)
        let source = PixelBuffer(
            size: PixelSize(width: w, height: h), layout: .gray,
            pixels: (0..<w * h).map { UInt8(($0 % w) * 255 / (w - 1)) })
        let result = source.resampled(to: size)
        let first = Array(result.pixels[0..<size.width])
        #expect(first.first ?? 255 <= 2 && first.last ?? 0 >= 253)
        for y in 0..<size.height {
            let row = Array(result.pixels[y * size.width..<(y + 1) * size.width])
            #expect(zip(row, row.dropFirst()).allSatisfy { $0 <= $1 }, "row \(y) not monotonic")
            // Every row is the same signal; Float rounding of a value within 1e-5 of a half
            // may tip one byte either way, never more.
            #expect(zip(row, first).allSatisfy { abs(Int($0) - Int($1)) <= 1 }, "row \(y)")
        }
    }

    /// A one-pixel checkerboard halved: every interior output pixel averages two black and
    /// two white pixels through a symmetric filter, so is mid grey (127.5 → 127 or 128).
    /// The outermost output pixels are not: clamped edges repeat one colour.
    @Test(arguments: [PixelLayout.gray, .rgb])
    func checkerboardHalvedIsMidGrey(layout: PixelLayout) {
        let n = 64
        let source = PixelBuffer(
            size: PixelSize(width: n, height: n), layout: layout,
            pixels: (0..<n * n).flatMap { i in
                [UInt8](repeating: (i / n + i % n) % 2 == 0 ? 0 : 255, count: layout.channels)
            })
        let result = source.resampled(to: PixelSize(width: n / 2, height: n / 2))
        for y in 2..<(n / 2 - 2) {
            for x in 2..<(n / 2 - 2) {
                for c in 0..<layout.channels {
                    let v = result.pixels[(y * n / 2 + x) * layout.channels + c]
                    #expect((127...128).contains(v), "(\(x), \(y)) = \(v)")
                }
            }
        }
    }

    /// An opaque red square on transparent pixels whose colour is black (the usual case) or
    /// garbage green: without premultiplication that colour would bleed into the square's
    /// soft edge (dark or green fringe).
    @Test(
        arguments: [PixelSize(width: 20, height: 20), PixelSize(width: 32, height: 32), PixelSize(width: 150, height: 90)],
        [[0, 0, 0, 0] as [UInt8], [0, 255, 0, 0]])
    func transparentColourDoesNotFringe(size: PixelSize, background: [UInt8]) {
        let n = 64
        var source = PixelBuffer(
            size: PixelSize(width: n, height: n), layout: .rgba,
            pixels: Array((0..<n * n).map { _ in background }.joined()))
        for y in 16..<48 { for x in 16..<48 { source.pixels.replaceSubrange((y * n + x) * 4..<(y * n + x) * 4 + 4, with: [255, 0, 0, 255]) } }
        let result = source.resampled(to: size)
        var partial = 0
        for i in 0..<size.area {
            let (r, g, b, a) = (result.pixels[4 * i], result.pixels[4 * i + 1], result.pixels[4 * i + 2], result.pixels[4 * i + 3])
            if a > 0 {
                #expect(r >= 250 && g <= 5 && b <= 5, "pixel \(i) = (\(r), \(g), \(b), \(a))")
                if a < 255 { partial += 1 }
            } else {
                #expect(r == 0 && g == 0 && b == 0)
            }
        }
        #expect(partial > 0, "the square should have a soft (partially transparent) edge")
        let centre = (size.height / 2 * size.width + size.width / 2) * 4
        #expect(Array(result.pixels[centre..<centre + 4]) == [255, 0, 0, 255])
        #expect(Array(result.pixels[0..<4]) == [0, 0, 0, 0])
    }

    @Test func grayAlphaDoesNotFringe() {
        let n = 40
        var source = PixelBuffer(size: PixelSize(width: n, height: n), layout: .grayAlpha)
        for y in 10..<30 { for x in 10..<30 { source.pixels[(y * n + x) * 2] = 255; source.pixels[(y * n + x) * 2 + 1] = 255 } }
        let result = source.resampled(to: PixelSize(width: 13, height: 13))
        for i in 0..<169 where result.pixels[2 * i + 1] > 0 {
            #expect(result.pixels[2 * i] >= 250, "pixel \(i)")
        }
    }

    @Test func sameSizeReturnsTheSamePixels() {
        let image = TestImages.synthetic(PixelSize(width: 30, height: 20), layout: .rgba)
        #expect(image.resampled(to: image.size) == image)
    }

    @Test func emptySizesGiveEmptyBuffers() {
        let image = TestImages.synthetic(PixelSize(width: 30, height: 20), layout: .rgb)
        #expect(image.resampled(to: PixelSize(width: 0, height: 5)).size == PixelSize(width: 0, height: 5))
        #expect(image.resampled(to: PixelSize(width: -2, height: 5)).pixels.isEmpty)
        let empty = PixelBuffer(size: PixelSize(width: 0, height: 0), layout: .gray)
        #expect(empty.resampled(to: PixelSize(width: 2, height: 2)).pixels == [0, 0, 0, 0])
    }

    /// Fast (Float, separable, tables) against the Double 2D reference on a synthetic picture
    /// in every layout, shrinking, enlarging and both at once.
    @Test(arguments: [PixelLayout.gray, .grayAlpha, .rgb, .rgba])
    func matchesReferenceOnSynthetic(layout: PixelLayout) throws {
        let image = TestImages.synthetic(PixelSize(width: 90, height: 60), layout: layout)
        for size in [
            PixelSize(width: 31, height: 21), PixelSize(width: 45, height: 30),
            PixelSize(width: 130, height: 70), PixelSize(width: 40, height: 100),
        ] {
            let fast = image.resampled(to: size)
            let reference = ReferenceResampler.resample(image, to: size)
            let maxDifference = zip(fast.pixels, reference.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 99
            #expect(maxDifference <= 1, "\(layout) to \(size)")
            #expect(try #require(ImageQuality.psnr(fast, reference)) >= 50)
        }
    }

    /// The Kodak parrots: fast against reference at a thumbnail-like 2/3 scale and an
    /// enlargement, with the brief's thresholds (SSIM ≥ 0.998, PSNR ≥ 40 dB) and a stricter
    /// per-byte bound.
    @Test(arguments: [PixelSize(width: 256, height: 171), PixelSize(width: 100, height: 67), PixelSize(width: 451, height: 300)])
    func matchesReferenceOnPhoto(size: PixelSize) throws {
        let photo = try TestImages.kodim23()
        let fast = photo.resampled(to: size)
        let reference = ReferenceResampler.resample(photo, to: size)
        let ssim = try #require(ImageQuality.ssim(fast, reference))
        let psnr = try #require(ImageQuality.psnr(fast, reference))
        #expect(ssim >= 0.998)
        #expect(psnr >= 40)
        let maxDifference = zip(fast.pixels, reference.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 99
        #expect(maxDifference <= 1)
    }

    /// Degenerate shapes (one pixel wide or high, huge ratios, 1x1 in or out) against the
    /// reference.
    @Test(arguments: [
        (PixelSize(width: 1, height: 300), PixelSize(width: 1, height: 7)),
        (PixelSize(width: 300, height: 1), PixelSize(width: 9, height: 1)),
        (PixelSize(width: 400, height: 3), PixelSize(width: 1, height: 1)),
        (PixelSize(width: 1, height: 1), PixelSize(width: 5, height: 4)),
        (PixelSize(width: 2, height: 2), PixelSize(width: 7, height: 1)),
    ])
    func extremeShapesMatchReference(source: PixelSize, output: PixelSize) {
        for layout in [PixelLayout.gray, .rgba] {
            let image = TestImages.synthetic(source, layout: layout)
            let fast = image.resampled(to: output)
            let reference = ReferenceResampler.resample(image, to: output)
            #expect(fast.size == output)
            let maxDifference = zip(fast.pixels, reference.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 99
            #expect(maxDifference <= 1, "\(layout) \(source) to \(output)")
        }
    }

    @Test func contributionWeightsAreCentredAndNormalised() {
        // Halving: output i is centred on source 2i + 0.5 and reads ±6 source pixels.
        let table = ContributionTable(sourceLength: 40, outputLength: 20)
        for i in 0..<20 {
            let weights = table.weights[i * table.stride..<i * table.stride + table.counts[i]]
            #expect(abs(weights.reduce(0, +) - 1) < 1e-5)
        }
        #expect(table.starts[10] == 15)
        #expect(table.counts[10] == 12)
        let middle = Array(table.weights[10 * table.stride..<10 * table.stride + 12])
        for k in 0..<6 { #expect(abs(middle[k] - middle[11 - k]) < 1e-6) }
        // Enlarging keeps the kernel at its natural width: 6 taps.
        let up = ContributionTable(sourceLength: 10, outputLength: 30)
        #expect(up.counts[15] == 6)
        // Output 0 of 20 → 2 is centred on 4.5 and clamps its left taps onto pixel 0.
        let edge = ContributionTable(sourceLength: 20, outputLength: 2)
        #expect(edge.starts[0] == 0)
    }
}
