import Foundation
import Testing

@testable import ThumbgenDeploy

/// The Terraform configuration: built-in copy in sync with infra/, fmt-clean, and the test
/// configuration shaped like the real one.
@Suite struct DeployInfraTests {
    static let infra = DeployTestSupport.infra

    static func names(_ kind: String, inFolder folder: String) throws -> Set<String> {
        var names = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".tf") {
            for line in try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8).split(separator: "\n")
            where line.hasPrefix("\(kind) \"") {
                names.insert(String(line.split(separator: "\"")[1]))
            }
        }
        return names
    }

    @Test func builtInFilesMatchInfraFolder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.infra).filter { $0.hasSuffix(".tf") }
        #expect(Set(files) == Set(InfraFiles.files.keys), "the EmbedInfraPlugin did not carry every infra/*.tf")
        for file in files {
            let onDisk = try String(contentsOfFile: "\(Self.infra)/\(file)", encoding: .utf8)
            #expect(InfraFiles.files[file] == onDisk, "\(file) differs from the embedded copy")
        }
    }

    /// The provider-free fixture runs with infra/'s own variables.tf (copied in by
    /// `terraformFixture`), so only its outputs can drift from infra/.
    @Test func testConfigurationHasTheSameOutputs() throws {
        let folder = try DeployTestSupport.temporaryDirectory("tf-fixture")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let local = try DeployTestSupport.terraformFixture("tf-local", in: folder)
        #expect(try Self.names("output", inFolder: local) == Self.names("output", inFolder: Self.infra))
        #expect(try Self.names("output", inFolder: Self.infra) == Set(StackOutputs.CodingKeys.allCases.map(\.rawValue)))
    }

    @Test(.enabled(if: DeployTestSupport.onPath("terraform") != nil, "terraform is not on PATH"))
    func infraIsFormatted() throws {
        let result = try DeployTestSupport.run(DeployTestSupport.onPath("terraform")!, ["fmt", "-check", "-recursive", Self.infra])
        #expect(result.status == 0, "terraform fmt would change: \(result.output)")
    }

    /// checkov's offline policy checks: no failed check; every skip is written in the HCL with
    /// its reason (`#checkov:skip=ID:reason`), so the count of skips is visible in review.
    @Test(.enabled(if: DeployTestSupport.onPath("checkov") != nil, "checkov is not on PATH (.ci/install-test-deps installs it)"))
    func infraPassesCheckov() throws {
        let result = try DeployTestSupport.run(
            DeployTestSupport.onPath("checkov")!,
            ["-d", Self.infra, "--skip-download", "--compact", "--quiet", "--framework", "terraform"])
        #expect(result.status == 0, "checkov found failed checks: \(result.output)")
        #expect(!result.output.contains("Check: CKV"), "checkov printed failed checks: \(result.output)")
    }

    /// API Gateway answers a path it has no route for itself (`404 {"message":"Not Found"}`),
    /// so every route the function serves (README: the page, the two POSTs, the thumbnail
    /// redirect) must be one of api.tf's routes; the page was missing (issue 11, item 1).
    @Test func httpAPIRoutesEveryPathTheFunctionServes() throws {
        let api = try String(contentsOfFile: "\(Self.infra)/api.tf", encoding: .utf8)
        let line = try #require(api.split(separator: "\n").first { $0.contains("routes = toset(") })
        let routes = Set(line.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) })
        #expect(routes == ["GET /", "POST /thumbnails", "POST /uploads", "GET /thumbnails/{key+}"])
    }
}
