import Testing
@testable import ThumbgenLambda

@Suite struct ThumbgenLambdaSmoke {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
