import Foundation
import Testing
import ThumbgenTestSupport

/// `fetch --presign` signs locally like `aws s3 presign` (issue 15): with nothing listening at
/// the endpoint it still prints the URL when the thumbnail's key is known without asking S3.
@Suite struct FetchPresignOfflineTests {
    /// Credentials and an endpoint where nothing listens (port 9, discard, is closed here).
    private let environment = [
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": "eu-west-1",
        "HOME": "/nonexistent", "PATH": "/usr/bin:/bin",
    ]
    private let flags = ["--endpoint-url", "http://127.0.0.1:9", "--bucket", "originals", "--thumbnails-bucket", "thumbs"]

    @Test(arguments: [
        (["holiday/p.jpg"], "http://127.0.0.1:9/thumbs/thumbnails/256/holiday/p.jpg.jpg?"),
        (["a.png", "--format", "png", "--size", "128"], "http://127.0.0.1:9/thumbs/thumbnails/128/a.png.png?"),
    ])
    func presignNeedsNoServer(arguments: [String], prefix: String) throws {
        let result = try BinaryRunner.run(["fetch", "--presign"] + arguments + flags, environment: environment)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix(prefix), "\(result.stdout)")
        #expect(result.stdout.contains("X-Amz-Signature=") && result.stdout.contains("X-Amz-Expires=3600"))
    }
}
