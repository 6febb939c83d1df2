// libFuzzer entry point over thumbgen's whole decode path (sniff → header → limits → decode
// through the C shims → ICC → resample → encode), compiled together with the ThumbgenImaging
// sources by fuzz/build.sh. See fuzz/README.md.
#if canImport(Glibc)
import Glibc
#endif

/// Which format this run exercises (THUMBGEN_FUZZ_FORMAT=jpeg|png|webp|avif; unset: all):
/// inputs of other formats are skipped so each format's executions are counted on their own.
nonisolated(unsafe) var fuzzFormat: ImageFormat?

@_cdecl("LLVMFuzzerInitialize")
func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    if let value = getenv("THUMBGEN_FUZZ_FORMAT") {
        fuzzFormat = ImageFormat(rawValue: String(cString: value))
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let fuzzFormat, ImageFormat.sniff(bytes) != fuzzFormat { return -1 } // not added to the corpus
    var options = ThumbnailOptions()
    options.box = ThumbnailBox(width: 64, height: 64)
    // 16 MP: legitimate pixels at this size fit the 256 MB RSS limit with room to spare, so
    // the limit catches what is NOT pixels (tables, markers, text, row buffers).
    options.maxPixels = 16_000_000
    options.maxDecoderMemory = 128 << 20
    options.keepMetadata = true
    _ = try? Thumbnailer.makeThumbnail(from: bytes, name: "fuzz", options: options)
    _ = try? ImageDecoder.readHeader(bytes, name: "fuzz")
    // Every JPEG at 1/8 as well: the DC-only coefficient store of progressive and multi-scan
    // files (CThumbgenJPEG/shim.c), which the 64-px box reaches only for pictures of 1024 px.
    _ = try? ImageDecoder.decode(bytes, name: "fuzz", maxPixels: options.maxPixels, maxDecoderMemory: options.maxDecoderMemory) {
        _ throws(ImageError) in 1
    }
    return 0
}
