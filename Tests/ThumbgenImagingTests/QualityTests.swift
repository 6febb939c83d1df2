import Testing

@testable import ThumbgenImaging

/// ``ImageQuality`` and ``ReferenceResampler`` against values worked out by hand.
@Suite struct QualityTests {
    static func constant(_ value: UInt8, _ layout: PixelLayout = .gray, size: Int = 16) -> PixelBuffer {
        PixelBuffer(
            size: PixelSize(width: size, height: size), layout: layout,
            pixels: [UInt8](repeating: value, count: size * size * layout.channels))
    }

    @Test func psnrValues() throws {
        let a = TestImages.synthetic(PixelSize(width: 20, height: 20), layout: .rgb)
        #expect(ImageQuality.psnr(a, a) == .infinity)
        // Every byte off by one: MSE = 1, PSNR = 20·log10(255) = 48.1308 dB.
        let b = PixelBuffer(size: a.size, layout: .rgb, pixels: a.pixels.map { $0 < 255 ? $0 + 1 : $0 - 1 })
        #expect(abs(try #require(ImageQuality.psnr(a, b)) - 48.1308) < 1e-4)
        // Every byte off by 16: MSE = 256, PSNR = 10·log10(65025 / 256) = 24.0484 dB.
        #expect(abs(try #require(ImageQuality.psnr(Self.constant(100), Self.constant(116))) - 24.0484) < 1e-4)
        #expect(ImageQuality.psnr(a, Self.constant(1, .rgb)) == nil)
        #expect(ImageQuality.psnr(Self.constant(1, .rgb), Self.constant(1, .rgba)) == nil)
    }

    @Test func ssimValues() throws {
        let a = TestImages.synthetic(PixelSize(width: 40, height: 30), layout: .rgb)
        #expect(abs(try #require(ImageQuality.ssim(a, a)) - 1) < 1e-12)
        // Two flat images: variances are 0, so SSIM = (2xy + C1) / (x² + y² + C1).
        let c1 = 6.5025
        let expected = (2 * 100.0 * 120 + c1) / (100.0 * 100 + 120 * 120 + c1)
        #expect(abs(try #require(ImageQuality.ssim(Self.constant(100), Self.constant(120))) - expected) < 1e-9)
        // Noise against its own blur: clearly below 1.
        let blurred = a.resampled(to: PixelSize(width: 10, height: 8)).resampled(to: a.size)
        let s = try #require(ImageQuality.ssim(a, blurred))
        #expect(s < 0.9 && s > 0)
        #expect(ImageQuality.ssim(a, Self.constant(0, .rgb)) == nil)
    }

    @Test func ssimUsesRec601Luma() {
        let rgb = PixelBuffer(size: PixelSize(width: 1, height: 1), layout: .rgba, pixels: [100, 200, 50, 9])
        #expect(abs(ImageQuality.luma(rgb)[0] - (29.9 + 117.4 + 5.7)) < 1e-9)
    }

    @Test func referenceHalvesAStepToItsMidpoint() {
        // [10, 200] → 1 pixel: weights symmetric about 0.5, edges clamped, so each side
        // weighs exactly one half → 105.
        let step = PixelBuffer(size: PixelSize(width: 2, height: 1), layout: .gray, pixels: [10, 200])
        #expect(ReferenceResampler.resample(step, to: PixelSize(width: 1, height: 1)).pixels == [105])
        #expect(step.resampled(to: PixelSize(width: 1, height: 1)).pixels == [105])
        let column = PixelBuffer(size: PixelSize(width: 1, height: 2), layout: .gray, pixels: [10, 200])
        #expect(ReferenceResampler.resample(column, to: PixelSize(width: 1, height: 1)).pixels == [105])
    }

    @Test(arguments: [PixelLayout.gray, .grayAlpha, .rgb, .rgba])
    func referenceKeepsConstants(layout: PixelLayout) {
        let image = Self.constant(77, layout, size: 9)
        #expect(ReferenceResampler.resample(image, to: PixelSize(width: 4, height: 13)) == Self.constant(77, layout, size: 1).resampled(to: PixelSize(width: 4, height: 13)))
        #expect(ReferenceResampler.resample(image, to: PixelSize(width: 4, height: 13)).pixels.allSatisfy { $0 == 77 })
    }
}
