import Foundation
import Testing
import ThumbgenImaging
import ThumbgenLambda

@testable import ThumbgenService

/// Fixture files (see Fixtures/README.md) and helpers shared by the service tests.
enum ServiceFixtures {
    /// The bytes of `Fixtures/NAME`.
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return Array(try Data(contentsOf: url))
    }

    /// A configuration for tests: sizes 32 and 64 (the JPEG fixture is 96 × 64).
    static func configuration(originals: String = "originals", thumbnails: String = "thumbnails") throws -> ServiceConfiguration {
        try ServiceConfiguration(originalsBucket: originals, thumbnailsBucket: thumbnails, sizes: [32, 64])
    }

    /// An invocation carrying `payload`.
    static func invocation(_ payload: [UInt8], id: String = "test-request") -> LambdaInvocation {
        LambdaInvocation(requestID: id, deadlineMilliseconds: Int64(Date().timeIntervalSince1970 * 1000) + 60_000, payload: payload)
    }

    /// An S3 notification for `keys` in `bucket`, keys encoded as S3 encodes them.
    static func s3Event(bucket: String, keys: [String], eventName: String = "ObjectCreated:Put") -> [UInt8] {
        let records = keys.map { key in
            [
                "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1", "eventName": eventName,
                "s3": [
                    "s3SchemaVersion": "1.0", "bucket": ["name": bucket, "arn": "arn:aws:s3:::\(bucket)"],
                    "object": ["key": S3EventKey.encode(key), "size": 3113],
                ],
            ] as [String: Any]
        }
        return Array(try! JSONSerialization.data(withJSONObject: ["Records": records], options: [.withoutEscapingSlashes]))
    }

    /// An API Gateway HTTP API (2.0) request.
    static func httpV2(
        method: String, path: String, query: [String: String] = [:], body: [UInt8]? = nil,
        pathParameters: [String: String]? = nil, headers: [String: String] = [:]
    ) -> [UInt8] {
        var event: [String: Any] = [
            "version": "2.0", "routeKey": "\(method) \(path)", "rawPath": path,
            "headers": ["content-type": "image/jpeg"].merging(headers) { _, given in given }, "queryStringParameters": query,
            "requestContext": ["http": ["method": method, "path": path], "requestId": "r", "stage": "$default"],
            "isBase64Encoded": body != nil,
        ]
        if let body { event["body"] = Data(body).base64EncodedString() }
        if let pathParameters { event["pathParameters"] = pathParameters }
        return Array(try! JSONSerialization.data(withJSONObject: event))
    }

    /// An API Gateway REST API proxy (1.0) request.
    static func restV1(method: String, path: String, query: [String: String]? = nil, body: [UInt8]?) -> [UInt8] {
        var event: [String: Any] = [
            "resource": path, "path": path, "httpMethod": method, "headers": ["Content-Type": "image/jpeg"],
            "queryStringParameters": query as Any? ?? NSNull(), "pathParameters": NSNull(),
            "requestContext": ["httpMethod": method, "path": "/prod\(path)", "stage": "prod"],
            "isBase64Encoded": body != nil,
        ]
        event["body"] = body.map { Data($0).base64EncodedString() } ?? NSNull()
        return Array(try! JSONSerialization.data(withJSONObject: event))
    }

    /// Runs `payload` through `function`, returning the response JSON and the log line.
    static func run(_ function: ThumbnailFunction, _ payload: [UInt8]) throws -> (response: [String: Any], log: [String: Any]) {
        var log = LambdaLogRecord()
        let bytes = try function.handle(invocation(payload), log: &log)
        let response = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let logObject = try #require(try JSONSerialization.jsonObject(with: Data(log.jsonLine.utf8)) as? [String: Any])
        return (response, logObject)
    }

    /// The JSON body of an API Gateway response document.
    static func body(_ response: [String: Any]) throws -> [String: Any] {
        let text = try #require(response["body"] as? String)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}

/// A fresh temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-service-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Every file under the folder, relative paths, sorted.
    func files() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: path)
        var found: [String] = []
        while let next = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(path)/\(next)", isDirectory: &isFolder), !isFolder.boolValue { found.append(next) }
        }
        return found.sorted()
    }
}
