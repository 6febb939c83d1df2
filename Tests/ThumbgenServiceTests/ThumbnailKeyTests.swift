import Testing
import ThumbgenService

/// The thumbnail key scheme: `thumbnails/SIZE/ORIGINAL.EXT`, parsed back and never colliding.
@Suite struct ThumbnailKeyTests {
    @Test(arguments: [
        ("photos/cat.jpg", 256, ThumbnailKeyFormat.jpeg, "thumbnails/256/photos/cat.jpg.jpg"),
        ("a b/c+d.png", 64, .png, "thumbnails/64/a b/c+d.png.png"),
        ("/lead//x", 1024, .jpeg, "thumbnails/1024//lead//x.jpg"),
        ("noext", 32, .png, "thumbnails/32/noext.png"),
    ])
    func thumbnailKeysRoundTrip(original: String, size: Int, format: ThumbnailKeyFormat, expected: String) throws {
        let key = ThumbnailKey.thumbnailKey(originalKey: original, size: size, format: format)
        #expect(key == expected)
        #expect(ThumbnailKey.isThumbnailKey(key))
        let parsed = try #require(ThumbnailKey.parse(key))
        #expect(Array(parsed.originalKey.utf8) == Array(original.utf8))
        #expect(parsed.size == size)
        #expect(parsed.format == format)
    }

    @Test func thumbnailKeysDoNotCollideAndRejectOthers() {
        let a = ThumbnailKey.thumbnailKey(originalKey: "x.jpg", size: 25, format: .png)
        let b = ThumbnailKey.thumbnailKey(originalKey: "x", size: 25, format: .jpeg)
        let c = ThumbnailKey.thumbnailKey(originalKey: "6/x.jpg", size: 2, format: .png)
        #expect(Set([a, b, c]).count == 3)
        #expect(ThumbnailKey.parse("photos/cat.jpg") == nil)
        #expect(ThumbnailKey.parse("thumbnails/abc/x.jpg") == nil)
        #expect(ThumbnailKey.parse("thumbnails/0256/x.jpg") == nil)
        #expect(ThumbnailKey.parse("thumbnails/256/x.gif") == nil)
        #expect(!ThumbnailKey.isThumbnailKey("thumbnailsX/1/a.jpg"))
    }
}
