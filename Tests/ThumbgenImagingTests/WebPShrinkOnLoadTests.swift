import Testing

@testable import ThumbgenImaging

/// WebP shrink-on-load (``WebPCodec/decode(_:name:maxPixels:scaleNumerator:)``): an opaque still
/// picture is decoded by libwebp's rescaler straight to JPEG's scaled size, so a small file that
/// declares many pixels never gets a full-size buffer. `webp-black-10000x10000-lossless.webp` is
/// 3,876 bytes declaring 100 MP (`vips black x.png 10000 10000 --bands 3 && cwebp -lossless -z 9`);
/// at full size it cost 356 MB and 0.73 s in the release build (83.6 s in a debug build), found by
/// an attacker's pass on `serve`. With alpha the picture keeps its full size, so `.auto` sees
/// every translucent pixel.
@Suite struct WebPShrinkOnLoadTests {
    @Test func opaqueWebPIsDecodedAtTheScaledSize() throws {
        let data = try CodecTestImages.fixture("webp-black-10000x10000-lossless.webp")
        let decoded = try ImageDecoder.decode(data, name: "bomb", maxPixels: 100_000_000) { _ in 1 }
        #expect(decoded.header.storedSize == PixelSize(width: 10_000, height: 10_000))
        #expect(decoded.pixels.size == PixelSize(width: 1_250, height: 1_250))
        #expect(decoded.pixels.layout == .rgb)
        #expect(decoded.pixels.pixels.allSatisfy { $0 == 0 })
    }

    @Test func factorsUnderFourKeepTheFullSize() throws {
        // The rescaler's area average at a 3/4 or 5/8 factor blurs more than the Lanczos-3 pass
        // it would save; only reductions of at least 2 use it.
        let data = try CodecTestImages.fixture("webp-black-10000x10000-lossless.webp")
        let header = try WebPCodec.readHeader(data, name: "bomb")
        #expect(WebPCodec.reducedSize(header, scaleNumerator: 4) == PixelSize(width: 5_000, height: 5_000))
        #expect(WebPCodec.reducedSize(header, scaleNumerator: 5) == header.storedSize)
        #expect(WebPCodec.reducedSize(header, scaleNumerator: 8) == header.storedSize)
    }

    @Test func webPWithAlphaKeepsItsFullSize() throws {
        let data = try CodecTestImages.fixture("webp-alpha-96x64-lossless.webp")
        let decoded = try ImageDecoder.decode(data, name: "alpha", maxPixels: 100_000_000) { _ in 1 }
        #expect(decoded.pixels.size == PixelSize(width: 96, height: 64))
        #expect(decoded.pixels.layout == .rgba)
    }

    @Test func hundredMegapixelWebPBecomesABlackThumbnail() throws {
        let data = try CodecTestImages.fixture("webp-black-10000x10000-lossless.webp")
        let thumbnail = try Thumbnailer.makeThumbnail(from: data, name: "bomb", options: ThumbnailOptions())
        #expect(thumbnail.size == PixelSize(width: 256, height: 256))
        let pixels = try ImageDecoder.decodeUpright(thumbnail.data, name: "thumbnail")
        #expect(pixels.pixels.allSatisfy { $0 <= 1 })
    }
}
