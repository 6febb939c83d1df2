import Testing

@testable import ThumbgenServe

@Suite struct S3EventNotificationTests {
    /// serve's simulated S3 events encode keys as S3 does, `application/x-www-form-urlencoded`
    /// with `/` kept: `*` literal and `~` as `%7E` (WHATWG URL Standard 5.2; Node's URLSearchParams
    /// gives `a%7Eb*c+d%2Be` for `a~b*c d+e`). It used RFC 3986's set before (`~` kept, `*` → `%2A`).
    @Test func keysAreFormEncodedWithSlashKept() {
        #expect(S3EventNotification.encodeKey("dir/a~b*c d+e.jpg") == "dir/a%7Eb*c+d%2Be.jpg")
    }
}
