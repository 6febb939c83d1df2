import Foundation
import Testing

@testable import ThumbgenDeploy

@Suite struct DeploySHA256Tests {
    // FIPS 180-4 examples (NIST CSRC "SHA256.pdf") and the empty string.
    @Test(arguments: [
        ("", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="),
        ("abc", "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE="),
    ])
    func knownDigests(input: String, expected: String) {
        #expect(LambdaPackage.codeSHA256(of: Array(input.utf8)) == expected)
    }

    @Test func matchesCoreutilsOnAMultiBlockFile() throws {
        let folder = try DeployTestSupport.temporaryDirectory("sha-test")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bytes = (0..<100_003).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: "\(folder)/f"))
        #expect(LambdaPackage.codeSHA256(of: bytes) == (try DeployTestSupport.sha256Base64(ofFile: "\(folder)/f")))
    }
}
