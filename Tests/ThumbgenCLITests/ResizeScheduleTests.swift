import Testing

@testable import ThumbgenCLI

struct ResizeScheduleTests {
    @Test func severalWorkersTakeTheLargestFileFirst() {
        // Sizes in bytes; nil for standard input. Ties keep command-line order.
        let sizes: [Int64?] = [100, 5, nil, 3_000_000, 5, 100]
        #expect(ResizeSchedule.order(byteSizes: sizes, workers: 2) == [3, 0, 5, 1, 4, 2])
    }

    @Test func oneWorkerKeepsCommandLineOrder() {
        #expect(ResizeSchedule.order(byteSizes: [1, 9, nil, 4], workers: 1) == [0, 1, 2, 3])
        #expect(ResizeSchedule.order(byteSizes: [], workers: 4).isEmpty)
    }
}
