import Foundation
import Testing
import ThumbgenSigV4

@testable import ThumbgenAWS

/// Credentials, region and endpoint resolution as pure functions, over real temp files.
@Suite struct AWSConfigurationTests {
    static let credentialsText = """
        # comment
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = secretDefault

        [dev]
        aws_access_key_id=AKIDDEV
        aws_secret_access_key=secretDev
        aws_session_token = tokenDev ; inline comment
        """
    static let configText = """
        [default]
        region = eu-west-1
        [profile dev]
        region = us-east-2
        endpoint_url = http://127.0.0.1:9000/
        s3 =
          addressing_style = path
        [profile configonly]
        aws_access_key_id = AKIDCONFIG
        aws_secret_access_key = secretConfig
        [dev]
        region = wrong-because-config-needs-profile-prefix
        """

    /// Writes both files into a fresh temp dir as `~/.aws/...` and returns the environment's HOME.
    static func makeHome() throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-aws-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/.aws", withIntermediateDirectories: true)
        try credentialsText.write(toFile: home + "/.aws/credentials", atomically: true, encoding: .utf8)
        try configText.write(toFile: home + "/.aws/config", atomically: true, encoding: .utf8)
        return home
    }

    func resolve(
        _ environment: [String: String], flags: AWSConfiguration.Flags = .init(),
        service: AWSServiceID = .s3
    ) throws -> AWSConfiguration {
        try AWSConfiguration.resolve(
            service: service, flags: flags, environment: environment,
            files: AWSSharedFiles.load(environment: environment))
    }

    @Test func defaultProfileFromSharedFiles() throws {
        let home = try Self.makeHome()
        let config = try resolve(["HOME": home])
        #expect(config.profileName == "default")
        #expect(config.credentials == AWSCredentials(accessKeyID: "AKIDDEFAULT", secretAccessKey: "secretDefault"))
        #expect(config.region == "eu-west-1")
        #expect(config.endpointURL == nil)
    }

    @Test func awsProfileSelectsProfileSectionsAndEndpoint() throws {
        let home = try Self.makeHome()
        let config = try resolve(["HOME": home, "AWS_PROFILE": "dev"])
        #expect(config.credentials == AWSCredentials(accessKeyID: "AKIDDEV", secretAccessKey: "secretDev", sessionToken: "tokenDev"))
        #expect(config.region == "us-east-2")
        #expect(config.endpointURL == "http://127.0.0.1:9000")
    }

    @Test func environmentCredentialsBeatProfileButProfileFlagBeatsEnvironment() throws {
        let home = try Self.makeHome()
        let env = ["HOME": home, "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "secretEnv"]
        #expect(try resolve(env).credentials.accessKeyID == "AKIDENV")
        #expect(try resolve(env, flags: .init(profile: "dev")).credentials.accessKeyID == "AKIDDEV")
    }

    @Test func credentialsMayLiveInConfigFile() throws {
        let home = try Self.makeHome()
        let config = try resolve(["HOME": home, "AWS_REGION": "ap-south-1"], flags: .init(profile: "configonly"))
        #expect(config.credentials.accessKeyID == "AKIDCONFIG")
        #expect(config.region == "ap-south-1")
    }

    @Test func regionPrecedence() throws {
        let home = try Self.makeHome()
        #expect(try resolve(["HOME": home, "AWS_DEFAULT_REGION": "sa-east-1"]).region == "sa-east-1")
        #expect(try resolve(["HOME": home, "AWS_DEFAULT_REGION": "sa-east-1", "AWS_REGION": "us-west-2"]).region == "us-west-2")
        #expect(try resolve(["HOME": home, "AWS_REGION": "us-west-2"], flags: .init(region: "eu-central-1")).region == "eu-central-1")
    }

    @Test func endpointPrecedenceIsServiceSpecificFirst() throws {
        let home = try Self.makeHome()
        let env = [
            "HOME": home, "AWS_PROFILE": "dev", "AWS_ENDPOINT_URL": "http://general:1",
            "AWS_ENDPOINT_URL_S3": "http://s3only:2", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": "http://logs:3",
        ]
        #expect(try resolve(env).endpointURL == "http://s3only:2")
        #expect(try resolve(env, service: .cloudWatchLogs).endpointURL == "http://logs:3")
        #expect(try resolve(env, flags: .init(endpointURL: "http://flag:4")).endpointURL == "http://flag:4")
        var general = env
        general["AWS_ENDPOINT_URL_S3"] = nil
        #expect(try resolve(general).endpointURL == "http://general:1")
        general["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true"
        #expect(try resolve(general).endpointURL == nil)
    }

    @Test func customFileLocations() throws {
        let home = try Self.makeHome()
        let other = FileManager.default.temporaryDirectory.appendingPathComponent("thumbgen-creds-\(UUID().uuidString)").path
        try "[default]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = s\n".write(toFile: other, atomically: true, encoding: .utf8)
        let config = try resolve(["HOME": home, "AWS_SHARED_CREDENTIALS_FILE": other])
        #expect(config.credentials.accessKeyID == "AKIDOTHER")
        #expect(config.region == "eu-west-1")
    }

    @Test func missingCredentialsSaysWhereItLooked() throws {
        let error = #expect(throws: AWSError.self) {
            try resolve(["HOME": "/nonexistent-home", "AWS_REGION": "us-east-1"])
        }
        #expect(error?.code == .missingCredentials)
        #expect(
            error?.message
                == "no AWS credentials: looked in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and profile 'default' in /nonexistent-home/.aws/credentials and /nonexistent-home/.aws/config"
        )
    }

    @Test func missingRegionSaysWhereItLooked() throws {
        let error = #expect(throws: AWSError.self) {
            try resolve(["HOME": "/nonexistent-home", "AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "B"])
        }
        #expect(error?.code == .missingRegion)
        #expect(error?.message.contains("AWS_REGION, AWS_DEFAULT_REGION and profile 'default' in /nonexistent-home/.aws/config") == true)
    }

    @Test func unknownExplicitProfileIsAnError() throws {
        let home = try Self.makeHome()
        let error = #expect(throws: AWSError.self) { try resolve(["HOME": home], flags: .init(profile: "nope")) }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.hasPrefix("AWS profile 'nope' not found in ") == true)
    }

    @Test func iniParserSkipsNestedAndComments() {
        let ini = AWSIniFile(parsing: Self.configText)
        #expect(ini[section: "profile dev"]?["s3"] == "")
        #expect(ini[section: "profile dev"]?["addressing_style"] == nil)
        #expect(ini[section: "default"] == ["region": "eu-west-1"])
    }
}
