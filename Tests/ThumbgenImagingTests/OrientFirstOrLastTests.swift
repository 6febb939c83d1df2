import Testing

@testable import ThumbgenImaging

/// Cropping and resampling before orienting gives the same picture as orienting first:
/// ``Orientation/storedRect(for:storedSize:)`` and ``PixelBuffer/applying(_:orientation:)``.
@Suite struct OrientFirstOrLastTests {
    static let stored = PixelBuffer(
        size: PixelSize(width: 5, height: 3), layout: .rgb,
        pixels: (0..<45).map { UInt8($0) })

    @Test(arguments: Orientation.allCases)
    func storedRectCropsTheSamePixels(orientation: Orientation) {
        let upright = Self.stored.oriented(orientation)
        let (w, h) = (upright.size.width, upright.size.height)
        for rect in [
            PixelRect(x: 0, y: 0, width: w, height: h), PixelRect(x: 1, y: 0, width: 2, height: h),
            PixelRect(x: 0, y: 1, width: w, height: 1), PixelRect(x: w - 1, y: h - 2, width: 1, height: 2),
            PixelRect(x: 1, y: 1, width: 1, height: 1),
        ] {
            let storedRect = orientation.storedRect(for: rect, storedSize: Self.stored.size)
            #expect(Self.stored.cropped(to: storedRect).oriented(orientation) == upright.cropped(to: rect), "\(rect)")
        }
    }

    @Test func storedRectOfRotation() {
        // Orientation 6 (rotate 90° CW to show): upright is 3 wide, 5 tall; its top row
        // is the stored left column, read bottom to top.
        let rect = Orientation.right.storedRect(for: PixelRect(x: 0, y: 0, width: 3, height: 1), storedSize: Self.stored.size)
        #expect(rect == PixelRect(x: 0, y: 0, width: 1, height: 3))
        #expect(Orientation.up.storedRect(for: PixelRect(x: 1, y: 1, width: 0, height: 3), storedSize: Self.stored.size).width == 0)
    }

    @Test(arguments: Orientation.allCases, [FitMode.contain, .cover, .fill])
    func applyingMatchesOrientingFirst(orientation: Orientation, fit: FitMode) throws {
        let stored = TestImages.synthetic(PixelSize(width: 70, height: 40), layout: .rgba)
        let uprightSize = orientation.swapsDimensions ? stored.size.transposed : stored.size
        let plan = try ResizePlan.make(source: uprightSize, box: ThumbnailBox(width: 24, height: 18), fit: fit, upscale: false)
        let first = stored.oriented(orientation).cropped(to: plan.sourceCrop).resampled(to: plan.output)
        let last = stored.applying(plan, orientation: orientation)
        #expect(last.size == plan.output)
        #expect(first.size == last.size)
        let maxDifference = zip(first.pixels, last.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 99
        #expect(maxDifference <= 1)
    }
}
