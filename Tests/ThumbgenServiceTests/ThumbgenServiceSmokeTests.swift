import Testing
@testable import ThumbgenService

@Suite struct ThumbgenServiceSmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
