import Foundation
import Testing

@testable import ThumbgenDeploy

@Suite struct DeployZipTests {
    let text = Array(String(repeating: "thumbnail ", count: 2_000).utf8)
    let noise: [UInt8] = {
        var state: UInt32 = 12_345
        return (0..<4_096).map { _ in
            state = state &* 1_103_515_245 &+ 12_345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
    }()

    func archive(_ order: [Int]) -> ZipArchive {
        let entries = [("bootstrap", text, UInt16(0o755)), ("lib.so", noise, UInt16(0o644)), ("a/b.txt", Array("b".utf8), UInt16(0o644))]
        var archive = ZipArchive()
        for index in order { archive.add(entries[index].0, entries[index].1, mode: entries[index].2) }
        return archive
    }

    @Test func sameEntriesInAnyOrderGiveTheSameBytes() throws {
        let first = try archive([0, 1, 2]).serialized()
        let second = try archive([2, 0, 1]).serialized()
        #expect(first == second)
        #expect(LambdaPackage.codeSHA256(of: first) == LambdaPackage.codeSHA256(of: second))
    }

    @Test func entriesAreSortedWithFixedTimeAndMethodByContent() throws {
        let bytes = try archive([0, 1, 2]).serialized()
        // First local header: signature, then version 20, flags 0x0800, method, time, date.
        #expect(Array(bytes[0..<4]) == [0x50, 0x4B, 0x03, 0x04])
        #expect(ELFFile.read(bytes, 8, as: UInt16.self) == 0) // "a/b.txt" (1 byte) is stored
        #expect(ELFFile.read(bytes, 10, as: UInt16.self) == 0) // 00:00:00
        #expect(ELFFile.read(bytes, 12, as: UInt16.self) == 0x21) // 1980-01-01
        let nameLength = Int(ELFFile.read(bytes, 26, as: UInt16.self) ?? 0)
        #expect(String(decoding: bytes[30..<(30 + nameLength)], as: UTF8.self) == "a/b.txt")
    }

    @Test func unzipExtractsContentAndModes() throws {
        let folder = try DeployTestSupport.temporaryDirectory("zip-test")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bytes = try archive([1, 0, 2]).serialized()
        try Data(bytes).write(to: URL(fileURLWithPath: "\(folder)/t.zip"))
        let test = try DeployTestSupport.run("/usr/bin/env", ["unzip", "-t", "\(folder)/t.zip"])
        #expect(test.status == 0, "unzip -t: \(test.output)")
        let listing = try DeployTestSupport.run("/usr/bin/env", ["zipinfo", "\(folder)/t.zip"]).output
        #expect(listing.contains("-rwxr-xr-x  2.0 unx    20000 b- defN 80-Jan-01 00:00 bootstrap"), "\(listing)")
        #expect(listing.contains("-rw-r--r--  2.0 unx     4096 b- stor 80-Jan-01 00:00 lib.so"), "\(listing)")
        let extract = try DeployTestSupport.run("/usr/bin/env", ["unzip", "-q", "\(folder)/t.zip", "-d", "\(folder)/out"])
        #expect(extract.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/out/bootstrap")) == Data(text))
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/out/lib.so")) == Data(noise))
        let attributes = try FileManager.default.attributesOfItem(atPath: "\(folder)/out/bootstrap")
        #expect((attributes[.posixPermissions] as? Int) == 0o755)
    }

    @Test func deflateRoundTripsThroughZlibAndCRCMatchesKnownValue() throws {
        // CRC-32 of "123456789" is 0xCBF43926 (the standard check value).
        #expect(Deflate.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(try Deflate.compress(text, name: "t").count < text.count / 20)
    }
}
