import FoundationEssentials
import ThumbgenBasics
import ThumbgenLambda
import ThumbgenService

/// The S3 event notification S3 sends to Lambda when an object is created, built for objects
/// stored in a folder-backed bucket so they go through the function's S3-event code path.
///
/// Source: Amazon S3 User Guide, "Event message structure" (version 2.1): `Records[].s3`
/// with `bucket.name`, `bucket.arn`, `object.key` and `object.size`; the key is URL-encoded
/// the way S3 does it there: bytes outside `A-Z a-z 0-9 - _ . ~ /` as `%XX`, a space as `+`
/// (so a literal `+` arrives as `%2B`).
enum S3EventNotification {
    /// The `ObjectCreated:Put` event document for `bucket`/`key`, JSON bytes.
    ///
    /// - Parameters:
    ///   - bucket: The bucket name.
    ///   - key: The object key (raw).
    ///   - size: The object size, bytes.
    ///   - nowMilliseconds: Event time, milliseconds since the Unix epoch.
    /// - Returns: The JSON document.
    static func objectCreated(bucket: String, key: String, size: Int, nowMilliseconds: Int64) -> [UInt8] {
        let seconds = nowMilliseconds / 1000
        let time = HTTPTime.iso8601(seconds).dropLast() + "." + threeDigits(nowMilliseconds % 1000) + "Z"
        let text = """
            {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"local",\
            "eventTime":\(JSONString.quoted(String(time))),"eventName":"ObjectCreated:Put",\
            "userIdentity":{"principalId":"thumbgen-serve"},"requestParameters":{"sourceIPAddress":"127.0.0.1"},\
            "responseElements":{"x-amz-request-id":"local","x-amz-id-2":"local"},\
            "s3":{"s3SchemaVersion":"1.0","configurationId":"thumbgen-serve",\
            "bucket":{"name":\(JSONString.quoted(bucket)),"ownerIdentity":{"principalId":"thumbgen-serve"},"arn":\(JSONString.quoted("arn:aws:s3:::" + bucket))},\
            "object":{"key":\(JSONString.quoted(encodeKey(key))),"size":\(size),"sequencer":\(JSONString.quoted(String(nowMilliseconds, radix: 16).uppercased()))}}}]}
            """
        return Array(text.utf8)
    }

    /// `key` encoded as S3 event notifications carry it: `My Cat+1.jpg` → `My+Cat%2B1.jpg`
    /// (``S3EventKey/encode(_:)``, the one encoder).
    static func encodeKey(_ key: String) -> String {
        S3EventKey.encode(key)
    }

    /// A short outcome for the log line from the function's answer to an S3 event
    /// (`{"records":[{"status":"done"|"skipped"|"failed",…}]}`): `done`, `failed: MESSAGE`,
    /// or `error` when the function threw.
    static func outcome(of answer: [UInt8]?) -> String {
        guard let answer else { return "error" }
        struct Answer: Decodable {
            struct Record: Decodable { var status: String?; var message: String? }
            var records: [Record]?
        }
        guard let decoded = try? JSONDecoder().decode(Answer.self, from: Data(answer)), let record = decoded.records?.first else {
            return "answered"
        }
        let status = record.status ?? "answered"
        return status == "failed" ? "failed: \(record.message ?? "")" : status
    }

    private static func threeDigits(_ value: Int64) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}
