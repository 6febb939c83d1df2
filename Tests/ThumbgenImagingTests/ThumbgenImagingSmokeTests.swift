import Testing
@testable import ThumbgenImaging

@Suite struct ThumbgenImagingSmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
