import Testing
@testable import ThumbgenCLI

@Suite struct ThumbgenCLISmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
