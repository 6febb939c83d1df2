import Testing

@testable import ThumbgenImaging

/// Exact values of ``ResizePlan/make(source:box:fit:upscale:)`` for every fit mode.
@Suite struct ResizePlanTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var source: (Int, Int)
        var box: (Int?, Int?)
        var fit: FitMode
        var upscale: Bool
        var crop: (Int, Int, Int, Int)
        var output: (Int, Int)
        var testDescription: String {
            "\(source) into \(box) \(fit)\(upscale ? " upscale" : "")"
        }
    }

    static let cases: [Case] = [
        // contain
        Case(source: (4000, 3000), box: (256, 256), fit: .contain, upscale: false, crop: (0, 0, 4000, 3000), output: (256, 192)),
        Case(source: (3000, 4000), box: (256, 256), fit: .contain, upscale: false, crop: (0, 0, 3000, 4000), output: (192, 256)),
        Case(source: (1, 10000), box: (256, 256), fit: .contain, upscale: false, crop: (0, 0, 1, 10000), output: (1, 256)),
        Case(source: (10000, 1), box: (256, 256), fit: .contain, upscale: false, crop: (0, 0, 10000, 1), output: (256, 1)),
        Case(source: (10, 10), box: (256, 256), fit: .contain, upscale: false, crop: (0, 0, 10, 10), output: (10, 10)),
        Case(source: (10, 10), box: (256, 256), fit: .contain, upscale: true, crop: (0, 0, 10, 10), output: (256, 256)),
        Case(source: (20, 10), box: (256, 256), fit: .contain, upscale: true, crop: (0, 0, 20, 10), output: (256, 128)),
        Case(source: (720, 480), box: (256, 256), fit: .contain, upscale: false, crop: (0, 0, 720, 480), output: (256, 171)),
        // 1000 x 0.3 = 300 exactly; 333 x 0.3 = 99.9 → 100
        Case(source: (1000, 333), box: (300, 300), fit: .contain, upscale: false, crop: (0, 0, 1000, 333), output: (300, 100)),
        // 3 x 1/2 = 1.5 rounds half up to 2
        Case(source: (4, 3), box: (2, 2), fit: .contain, upscale: false, crop: (0, 0, 4, 3), output: (2, 2)),
        Case(source: (4000, 3000), box: (100, 300), fit: .contain, upscale: false, crop: (0, 0, 4000, 3000), output: (100, 75)),
        Case(source: (4000, 3000), box: (nil, 300), fit: .contain, upscale: false, crop: (0, 0, 4000, 3000), output: (400, 300)),
        Case(source: (4000, 3000), box: (1000, nil), fit: .contain, upscale: false, crop: (0, 0, 4000, 3000), output: (1000, 750)),
        Case(source: (40, 30), box: (1000, nil), fit: .contain, upscale: false, crop: (0, 0, 40, 30), output: (40, 30)),
        Case(source: (40, 30), box: (1000, nil), fit: .contain, upscale: true, crop: (0, 0, 40, 30), output: (1000, 750)),
        // cover
        Case(source: (4000, 3000), box: (256, 256), fit: .cover, upscale: false, crop: (500, 0, 3000, 3000), output: (256, 256)),
        Case(source: (3000, 4000), box: (256, 256), fit: .cover, upscale: false, crop: (0, 500, 3000, 3000), output: (256, 256)),
        // 4000 x 100/300 = 1333.3 → 1333 rows; 1667 left over: 833 above, 834 below
        Case(source: (4000, 3000), box: (300, 100), fit: .cover, upscale: false, crop: (0, 833, 4000, 1333), output: (300, 100)),
        // odd leftover goes to the right: 1001 - 1000 = 1, x = 0
        Case(source: (1001, 500), box: (200, 100), fit: .cover, upscale: false, crop: (0, 0, 1000, 500), output: (200, 100)),
        Case(source: (1, 10000), box: (256, 256), fit: .cover, upscale: false, crop: (0, 4999, 1, 1), output: (1, 1)),
        Case(source: (1, 10000), box: (256, 256), fit: .cover, upscale: true, crop: (0, 4999, 1, 1), output: (256, 256)),
        Case(source: (300, 200), box: (256, 256), fit: .cover, upscale: false, crop: (50, 0, 200, 200), output: (200, 200)),
        Case(source: (300, 200), box: (256, 256), fit: .cover, upscale: true, crop: (50, 0, 200, 200), output: (256, 256)),
        Case(source: (10, 10), box: (256, 256), fit: .cover, upscale: false, crop: (0, 0, 10, 10), output: (10, 10)),
        Case(source: (4000, 3000), box: (nil, 300), fit: .cover, upscale: false, crop: (0, 0, 4000, 3000), output: (400, 300)),
        // fill
        Case(source: (4000, 3000), box: (256, 256), fit: .fill, upscale: false, crop: (0, 0, 4000, 3000), output: (256, 256)),
        Case(source: (100, 3000), box: (256, 256), fit: .fill, upscale: false, crop: (0, 0, 100, 3000), output: (100, 256)),
        Case(source: (100, 3000), box: (256, 256), fit: .fill, upscale: true, crop: (0, 0, 100, 3000), output: (256, 256)),
        Case(source: (10, 10), box: (256, 256), fit: .fill, upscale: false, crop: (0, 0, 10, 10), output: (10, 10)),
        Case(source: (4000, 3000), box: (256, nil), fit: .fill, upscale: false, crop: (0, 0, 4000, 3000), output: (256, 192)),
        Case(source: (40, 30), box: (nil, 60), fit: .fill, upscale: true, crop: (0, 0, 40, 30), output: (80, 60)),
    ]

    @Test(arguments: cases)
    func plan(_ c: Case) throws {
        let plan = try ResizePlan.make(
            source: PixelSize(width: c.source.0, height: c.source.1),
            box: ThumbnailBox(width: c.box.0, height: c.box.1), fit: c.fit, upscale: c.upscale)
        #expect(plan.sourceCrop == PixelRect(x: c.crop.0, y: c.crop.1, width: c.crop.2, height: c.crop.3))
        #expect(plan.output == PixelSize(width: c.output.0, height: c.output.1))
    }

    @Test(arguments: [
        (ThumbnailBox(width: nil, height: nil), "thumbnail box needs a width or a height"),
        (ThumbnailBox(width: 0, height: 256), "thumbnail box width 0 is not 1 to 65535 pixels"),
        (ThumbnailBox(width: 256, height: -3), "thumbnail box height -3 is not 1 to 65535 pixels"),
        (ThumbnailBox(width: 65536, height: nil), "thumbnail box width 65536 is not 1 to 65535 pixels"),
    ])
    func rejectsBadBoxes(box: ThumbnailBox, message: String) {
        for fit in FitMode.allCases {
            let error = #expect(throws: ImageError.self) {
                try ResizePlan.make(source: PixelSize(width: 100, height: 100), box: box, fit: fit, upscale: false)
            }
            #expect(error?.code == .invalidOptions)
            #expect(error?.message == message)
        }
    }

    @Test func rejectsEmptySource() {
        let error = #expect(throws: ImageError.self) {
            try ResizePlan.make(source: PixelSize(width: 0, height: 10), box: ThumbnailBox(width: 8, height: 8), fit: .contain, upscale: false)
        }
        #expect(error?.code == .invalidOptions)
        #expect(error?.message == "source size 0x10 has no pixels")
    }

    @Test func rejectsAbsurdSource() {
        let error = #expect(throws: ImageError.self) {
            try ResizePlan.make(source: PixelSize(width: 1 << 40, height: 10), box: ThumbnailBox(width: 8, height: 8), fit: .cover, upscale: false)
        }
        #expect(error?.code == .invalidOptions)
    }

    @Test func identityIsDetected() throws {
        let source = PixelSize(width: 10, height: 10)
        let plan = try ResizePlan.make(source: source, box: ThumbnailBox(width: 256, height: 256), fit: .contain, upscale: false)
        #expect(plan.isIdentity(for: source))
        let bigger = try ResizePlan.make(source: source, box: ThumbnailBox(width: 256, height: 256), fit: .contain, upscale: true)
        #expect(!bigger.isIdentity(for: source))
    }
}
