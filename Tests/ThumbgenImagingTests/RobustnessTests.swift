import Testing

@testable import ThumbgenImaging

/// Damaged inputs must fail with an `ImageError` (or decode), never end or crash the process.
@Suite struct RobustnessTests {
    static let files = [
        "kodim23-baseline.jpg", "kodim23-progressive.jpg", "kodim23-arithmetic.jpg",
        "kodim23-cmyk.jpg", "orient-6.jpg", "basi6a16.png", "tbbn3p08.png", "basn3p04.png",
    ]

    /// Runs the whole pipeline; returns the error code, or nil when a thumbnail was made.
    func outcome(_ data: [UInt8]) -> ImageError.Code? {
        var options = ThumbnailOptions()
        options.box = ThumbnailBox(width: 16, height: 16)
        do {
            _ = try Thumbnailer.makeThumbnail(from: data, name: "damaged", options: options)
            return nil
        } catch {
            #expect(error.message.hasPrefix("damaged: "))
            #expect(!error.message.contains("\n"))
            return error.code
        }
    }

    @Test(arguments: files)
    func everyTruncationFailsCleanly(file: String) throws {
        let data = try CodecTestImages.fixture(file)
        let step = max(1, data.count / 97)
        var failures = 0
        for length in stride(from: 0, to: data.count - 16, by: step) {
            if let code = outcome(Array(data.prefix(length))) {
                #expect([.empty, .unsupportedFormat, .corrupt].contains(code), "\(file) cut at \(length): \(code)")
                failures += 1
            }
        }
        // Cutting before the end of the entropy-coded data must be reported, not hidden.
        #expect(failures >= (data.count - 16) / step - 2)
    }

    @Test(arguments: files)
    func corruptedBytesNeverCrash(file: String) throws {
        let data = try CodecTestImages.fixture(file)
        var generator = SplitMix64(seed: 0x7468_756D_6267_656E)
        for _ in 0..<150 {
            var damaged = data
            for _ in 0..<Int(generator.next() % 4 + 1) {
                let index = Int(generator.next() % UInt64(damaged.count))
                damaged[index] = UInt8(truncatingIfNeeded: generator.next())
            }
            if let code = outcome(damaged) {
                #expect([.unsupportedFormat, .corrupt, .tooManyPixels].contains(code), "\(file): \(code)")
            }
        }
    }
}

/// A tiny deterministic generator so corruption runs are repeatable (splitmix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
