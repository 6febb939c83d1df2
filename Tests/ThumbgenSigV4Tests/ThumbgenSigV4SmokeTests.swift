import Testing
@testable import ThumbgenSigV4

@Suite struct ThumbgenSigV4Smoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
