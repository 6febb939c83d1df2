import Foundation
import Testing
import ThumbgenSigV4

/// The classic AWS SigV4 test suite (`Fixtures/aws4_testsuite`), signed with the non-S3
/// options (path normalized and double-encoded), as the suite intends: every case,
/// including the repeated-query-key cases and `normalize-path/get-space` that botocore's
/// runner skips (our parser reads a raw space in the request line, and the signer sorts
/// repeated names by value).
@Suite struct AWSTestSuiteTests {
    static let cases: [String] =
        Fixtures.caseFolders(in: "aws4_testsuite", containing: "req")
        + Fixtures.caseFolders(in: "aws4_testsuite/normalize-path", containing: "req").map { "normalize-path/\($0)" }
        + Fixtures.caseFolders(in: "aws4_testsuite/post-sts-token", containing: "req").map { "post-sts-token/\($0)" }

    @Test func allCasesFound() {
        #expect(Self.cases.count == 34)
    }

    @Test(arguments: cases)
    func headerSigning(_ path: String) throws {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let file = { (ext: String) in try Fixtures.text("aws4_testsuite/\(path)/\(name).\(ext)") }
        let request = try VectorRequest(text: try file("req"))
        // The session token the case uses is the X-Amz-Security-Token of its signed request.
        let token = try VectorRequest(text: try file("sreq")).header("X-Amz-Security-Token")
        var options = SigV4Signer.Options.standard
        // post-sts-header-after: the token is added after signing (see post-sts-token/readme.txt).
        options.signSessionToken = name != "post-sts-header-after"
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyID: SuiteInputs.accessKeyID, secretAccessKey: SuiteInputs.secretAccessKey, sessionToken: token),
            region: SuiteInputs.region, service: SuiteInputs.service, options: options)

        let result = signer.sign(request.sigV4Request(), date: SuiteInputs.date)

        #expect(result.canonicalRequest.text == (try file("creq")))
        #expect(result.stringToSign.text == (try file("sts")))
        #expect(result.authorization == (try file("authz")))
        #expect(result.headers.first { $0.name == "X-Amz-Date" }?.value == "20150830T123600Z")
        #expect(result.headers.first { $0.name == "X-Amz-Security-Token" }?.value == token)
    }
}
