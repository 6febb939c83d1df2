import Testing
@testable import ThumbgenAWS

@Suite struct ThumbgenAWSSmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
