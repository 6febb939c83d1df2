/// The text a C shim wrote into a caller's message buffer, shared by every codec.
enum CMessage {
    /// The bytes of `buffer` up to its first NUL (all of it when there is none), as UTF-8
    /// (invalid bytes replaced): the shims write libjpeg/libpng/libwebp/libavif messages there.
    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
