import Foundation
import Testing

@testable import ThumbgenDeploy

@Suite struct DeployELFTests {
    func fixture(_ name: String) throws -> ELFFile {
        let path = try DeployTestSupport.fixture(name)
        return try ELFFile(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))), name: name)
    }

    @Test func readsInterpreterNeededAndRunpath() throws {
        let file = try fixture("hello-runpath")
        #expect(file.machine == 62)
        #expect(file.interpreter == "/lib64/ld-linux-x86-64.so.2")
        #expect(file.needed == ["libc.so.6"])
        #expect(file.runpath == ["$ORIGIN"])
        #expect(file.rpath.isEmpty)
    }

    @Test func readsSonameOfTheHostLibc() throws {
        let file = try ELFFile(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: "/lib/x86_64-linux-gnu/libc.so.6"))), name: "libc")
        #expect(file.soname == "libc.so.6")
        #expect(file.needed == ["ld-linux-x86-64.so.2"])
        #expect(file.interpreter == "/lib64/ld-linux-x86-64.so.2") // glibc's libc.so.6 is also runnable
    }

    @Test func rewritesInterpreterAndTurnsRunpathIntoRpathInPlace() throws {
        var file = try fixture("hello-runpath")
        let size = file.bytes.count
        try file.setInterpreter("/var/task/ld.so")
        try file.setRPath("$ORIGIN")
        #expect(file.bytes.count == size)
        let reread = try ELFFile(bytes: file.bytes, name: "rewritten")
        #expect(reread.interpreter == "/var/task/ld.so")
        #expect(reread.rpath == ["$ORIGIN"])
        #expect(reread.runpath.isEmpty)
        #expect(reread.needed == ["libc.so.6"])
    }

    @Test func refusesPathsThatDoNotFit() throws {
        var file = try fixture("hello-runpath")
        #expect(throws: DeployError.self) { try file.setInterpreter("/var/task/lib/ld-linux-x86-64.so.2") }
        #expect(throws: DeployError.self) { try file.setRPath("/var/task/lib") }
        #expect(file.interpreter == "/lib64/ld-linux-x86-64.so.2")
    }

    @Test func refusesABinaryWithoutSearchPath() throws {
        var file = try fixture("hello-norpath")
        do {
            try file.setRPath("$ORIGIN")
            Issue.record("expected cannotRewrite")
        } catch {
            #expect(error.code == .cannotRewrite)
            #expect(error.message.contains("hello-norpath"))
        }
    }

    @Test func strippingKeepsEverythingLoaded() throws {
        var file = try fixture("hello-runpath")
        let before = file.bytes.count
        let removed = file.stripNonLoadedData()
        #expect(removed > 0)
        #expect(file.bytes.count == before - removed)
        let reread = try ELFFile(bytes: file.bytes, name: "stripped")
        #expect(reread.needed == ["libc.so.6"])
        #expect(reread.interpreter == "/lib64/ld-linux-x86-64.so.2")
        #expect(ELFFile.read(file.bytes, 40, as: UInt64.self) == 0)
    }

    @Test(arguments: [[UInt8](), Array("#!/bin/sh\n".utf8), [0x7F, 0x45, 0x4C, 0x46, 1, 1] + [UInt8](repeating: 0, count: 60)])
    func rejectsNonELFInput(bytes: [UInt8]) {
        #expect(throws: DeployError.self) { try ELFFile(bytes: bytes, name: "x") }
    }
}
