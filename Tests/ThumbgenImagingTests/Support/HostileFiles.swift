import CThumbgenZlib
import Foundation

/// Small hostile files built in the test from their description in issue 12 (no fixtures):
/// PNGs assembled chunk by chunk (PNG spec §5.3: length, type, data, CRC-32) with zlib streams
/// (RFC 1950 header, DEFLATE from zlib, Adler-32), and JPEGs made from a fixture by repeating
/// a scan or inserting empty markers.
enum HostileFiles {
    // MARK: PNG

    /// A PNG with the given IHDR, `before` chunks ahead of one IDAT holding `idat` (already a
    /// zlib stream, or empty), then IEND.
    static func png(
        width: UInt32, height: UInt32, bitDepth: UInt8, colorType: UInt8,
        before: [(String, [UInt8])] = [], idat: [UInt8]
    ) -> [UInt8] {
        var ihdr = bigEndian(width) + bigEndian(height)
        ihdr += [bitDepth, colorType, 0, 0, 0]
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += chunk("IHDR", ihdr)
        for (type, data) in before { file += chunk(type, data) }
        file += chunk("IDAT", idat)
        file += chunk("IEND", [])
        return file
    }

    /// One chunk: length, type, data, CRC-32 of type and data.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        let body = typeBytes + data
        let crc = body.withUnsafeBufferPointer { cthumbgen_zlib_crc32(0, $0.baseAddress, $0.count) }
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc)
    }

    /// `raw` as a zlib stream (RFC 1950: CMF 0x78, FLG 0x9C, raw DEFLATE, Adler-32).
    static func zlib(_ raw: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: cthumbgen_zlib_deflate_bound(raw.count))
        var written = 0
        let status = raw.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                cthumbgen_zlib_deflate_raw(input.baseAddress, input.count, out.baseAddress, out.count, &written)
            }
        }
        precondition(status == 0, "deflate failed")
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        return [0x78, 0x9C] + output.prefix(written) + bigEndian(b << 16 | a)
    }

    /// Filter-0 rows of zero bytes: `height` rows of 1 + `rowBytes` bytes.
    static func zeroRows(height: Int, rowBytes: Int) -> [UInt8] {
        [UInt8](repeating: 0, count: height * (1 + rowBytes))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    // MARK: JPEG

    /// `jpeg` with its smallest first-pass AC scan (SOS with Ss > 0 and Ah = 0, its
    /// entropy-coded data, and the tables defined between the previous scan and it) repeated
    /// `extra` more times before EOI. Entropy-coded data ends at the first 0xFF not followed by
    /// 0x00 (stuffing) or a restart marker (ITU T.81 B.1.1.5).
    static func repeatingACScan(_ jpeg: [UInt8], extra: Int) -> [UInt8] {
        let end = jpeg.count - 2 // FF D9
        var best: Range<Int>?
        var previousEnd: Int?
        var i = 2
        while i + 4 < end {
            guard jpeg[i] == 0xFF, jpeg[i + 1] == 0xDA else { i += 1; continue }
            let length = Int(jpeg[i + 2]) << 8 | Int(jpeg[i + 3])
            let components = Int(jpeg[i + 4])
            let spectral = i + 5 + 2 * components
            let (ss, ah) = (jpeg[spectral], jpeg[spectral + 2] >> 4)
            var dataEnd = i + 2 + length
            while dataEnd + 1 < jpeg.count,
                !(jpeg[dataEnd] == 0xFF && jpeg[dataEnd + 1] != 0 && !(0xD0...0xD7).contains(jpeg[dataEnd + 1]))
            {
                dataEnd += 1
            }
            if let previousEnd, ss > 0, ah == 0, dataEnd - previousEnd < (best?.count ?? .max) {
                best = previousEnd..<dataEnd
            }
            previousEnd = dataEnd
            i = dataEnd
        }
        guard let best else { return jpeg }
        var file = Array(jpeg[..<end])
        for _ in 0..<extra { file += jpeg[best] }
        return file + [0xFF, 0xD9]
    }

    /// `jpeg` with `count` empty segments of `marker` (length field 2, no data) right after SOI.
    static func withEmptyMarkers(_ jpeg: [UInt8], marker: UInt8, count: Int) -> [UInt8] {
        var file = Array(jpeg.prefix(2))
        file.reserveCapacity(jpeg.count + 4 * count)
        for _ in 0..<count { file += [0xFF, marker, 0x00, 0x02] }
        return file + jpeg.dropFirst(2)
    }
}

/// Process-level bounds for exit tests: the child sets them on itself, then decodes.
enum ProcessLimits {
    /// Limits the address space to what the process maps now plus `megabytes` (RLIMIT_AS):
    /// an allocation past it fails (malloc returns NULL) instead of succeeding.
    static func addressSpace(plusMegabytes megabytes: Int) {
        var limit = rlimit()
        let now = currentVirtualBytes()
        limit.rlim_cur = rlim_t(now + megabytes << 20)
        limit.rlim_max = limit.rlim_cur
        setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
    }

    /// Limits CPU time to what the process used so far plus `seconds` (RLIMIT_CPU, SIGXCPU
    /// past it): catches a hang, generously; not a speed assertion.
    static func cpu(plusSeconds seconds: Int) {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let used = Int(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + 1
        var limit = rlimit()
        limit.rlim_cur = rlim_t(used + seconds)
        limit.rlim_max = rlim_t(used + seconds + 5)
        setrlimit(__rlimit_resource_t(RLIMIT_CPU.rawValue), &limit)
    }

    /// VmSize from /proc/self/status, in bytes.
    static func currentVirtualBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmSize:") {
            let digits = line.filter(\.isNumber)
            return (Int(digits) ?? 0) * 1024
        }
        return 0
    }
}
