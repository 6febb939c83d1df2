import CThumbgenLCMS
import Synchronization

/// Converts decoded pixels with an embedded ICC profile to sRGB through LittleCMS
/// (the only Swift file importing it).
///
/// Policy (ICC.1:2022 §6 device/PCS model, perceptual intent):
/// - a profile whose colour space matches the pixels (gray, RGB, CMYK) is converted to sRGB
///   (gray stays gray, with the sRGB tone curve) and then dropped: thumbnails carry no profile;
/// - an RGB matrix/TRC profile whose colorants and tone curves match sRGB (within 8-bit
///   precision) is skipped (fast path); a profile's name is never trusted;
/// - a profile LittleCMS cannot open, or one for another colour space, is ignored (the pixels
///   are taken as sRGB) rather than failing the picture;
/// - CMYK without a profile uses the naive conversion R = (255 − C)(255 − K)/255 (and the same
///   for G with M, B with Y), with Adobe (APP14) data taken as inverted;
/// - PNG gAMA/cHRM are not applied (as most thumbnailers and browsers with sRGB defaults do).
enum ColorConverter {
    /// Converts gray, gray+alpha, RGB or RGBA pixels described by `profile` to sRGB.
    ///
    /// - Parameters:
    ///   - buffer: the decoded pixels.
    ///   - profile: ICC profile bytes, or nil (then the buffer is returned unchanged).
    /// - Returns: the converted buffer (same size and layout).
    static func toSRGB(_ buffer: PixelBuffer, profile: [UInt8]?) -> PixelBuffer {
        guard let profile, let info = info(profile), !info.isSRGB else { return buffer }
        let kind: Int32
        switch buffer.layout {
        case .gray: kind = CTHUMBGEN_LCMS_GRAY
        case .grayAlpha: kind = CTHUMBGEN_LCMS_GRAY_ALPHA
        case .rgb: kind = CTHUMBGEN_LCMS_RGB
        case .rgba: kind = CTHUMBGEN_LCMS_RGBA
        }
        let expected = buffer.layout.hasAlpha ? buffer.layout.channels - 1 : buffer.layout.channels
        guard info.space == expected, let transform = transform(profile, kind: kind) else { return buffer }
        var result = buffer
        let count = UInt32(clamping: buffer.size.area)
        result.pixels.withUnsafeMutableBytes { bytes in
            cthumbgen_lcms_transform_apply(transform.handle, bytes.baseAddress, bytes.baseAddress, count)
        }
        return result
    }

    /// Converts 4-channel CMYK pixels to an sRGB `.rgb` buffer.
    ///
    /// - Parameters:
    ///   - cmyk: `size.area * 4` bytes, C M Y K per pixel.
    ///   - size: dimensions in pixels.
    ///   - inverted: the values are Adobe-inverted (0 = full ink), as when an APP14 Adobe marker
    ///     is present (libjpeg.txt "Special color spaces").
    ///   - profile: a CMYK ICC profile, or nil for the naive conversion.
    /// - Returns: an `.rgb` buffer of `size`.
    static func cmykToSRGB(_ cmyk: [UInt8], size: PixelSize, inverted: Bool, profile: [UInt8]?) -> PixelBuffer {
        let count = size.area
        if let profile, let info = info(profile), info.space == 4,
            let transform = transform(profile, kind: inverted ? CTHUMBGEN_LCMS_CMYK_INVERTED : CTHUMBGEN_LCMS_CMYK)
        {
            let rgb = [UInt8](unsafeUninitializedCapacity: count * 3) { output, initialized in
                cmyk.withUnsafeBytes { input in
                    cthumbgen_lcms_transform_apply(
                        transform.handle, input.baseAddress, output.baseAddress,
                        UInt32(clamping: count))
                }
                initialized = count * 3
            }
            return PixelBuffer(size: size, layout: .rgb, pixels: rgb)
        }
        let rgb = [UInt8](unsafeUninitializedCapacity: count * 3) { output, initialized in
            cmyk.withUnsafeBufferPointer { input in
                for index in 0..<count {
                    // Ink-free amounts: 255 - ink for normal data, the stored value when inverted.
                    var values = (input[index * 4], input[index * 4 + 1], input[index * 4 + 2], input[index * 4 + 3])
                    if !inverted { values = (255 - values.0, 255 - values.1, 255 - values.2, 255 - values.3) }
                    let k = UInt32(values.3)
                    output[index * 3] = UInt8((UInt32(values.0) * k + 127) / 255)
                    output[index * 3 + 1] = UInt8((UInt32(values.1) * k + 127) / 255)
                    output[index * 3 + 2] = UInt8((UInt32(values.2) * k + 127) / 255)
                }
            }
            initialized = count * 3
        }
        return PixelBuffer(size: size, layout: .rgb, pixels: rgb)
    }

    // MARK: profiles and the transform cache

    private struct ProfileInfo {
        var space: Int
        var isSRGB: Bool
    }

    private static func info(_ profile: [UInt8]) -> ProfileInfo? {
        var space: Int32 = 0
        var isSRGB: Int32 = 0
        let status = profile.withUnsafeBufferPointer { bytes in
            cthumbgen_lcms_profile_info(bytes.baseAddress, bytes.count, &space, &isSRGB)
        }
        guard status == 0 else { return nil }
        return ProfileInfo(space: Int(space), isSRGB: isSRGB != 0 && space == CTHUMBGEN_LCMS_SPACE_RGB)
    }

    private struct CacheKey: Hashable {
        var profile: [UInt8]
        var kind: Int32
    }

    /// Transforms by profile bytes and layout; at most `cacheLimit` entries, cleared when full.
    private static let cache = Mutex<[CacheKey: ColorTransform]>([:])
    private static let cacheLimit = 16

    private static func transform(_ profile: [UInt8], kind: Int32) -> ColorTransform? {
        let key = CacheKey(profile: profile, kind: kind)
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let handle = profile.withUnsafeBufferPointer { bytes in
            cthumbgen_lcms_transform_create(bytes.baseAddress, bytes.count, kind)
        }
        guard let handle else { return nil }
        let transform = ColorTransform(handle: handle)
        cache.withLock { entries in
            if entries.count >= cacheLimit { entries.removeAll() }
            entries[key] = transform
        }
        return transform
    }
}

/// Owns one LittleCMS transform (created with cmsFLAGS_NOCACHE, so usable from any thread).
final class ColorTransform: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    init(handle: UnsafeMutableRawPointer) { self.handle = handle }

    deinit { cthumbgen_lcms_transform_free(handle) }
}
