import FoundationEssentials

/// The AWS CLI's two shared files, located and read: `~/.aws/credentials` (or
/// `AWS_SHARED_CREDENTIALS_FILE`) and `~/.aws/config` (or `AWS_CONFIG_FILE`).
///
/// Source: AWS CLI User Guide, "Configuration and credential file settings" and
/// "Environment variables to configure the AWS CLI".
package struct AWSSharedFiles: Sendable {
    /// The credentials file path that was used (whether or not it exists).
    package var credentialsPath: String
    /// The config file path that was used (whether or not it exists).
    package var configPath: String
    /// The parsed credentials file; sections are bare profile names (`[default]`, `[dev]`).
    package var credentials: AWSIniFile?
    /// The parsed config file; sections are `[default]` and `[profile NAME]`.
    package var config: AWSIniFile?

    /// Creates the value from already-parsed files.
    ///
    /// - Parameters:
    ///   - credentialsPath: Where the credentials file was looked for.
    ///   - configPath: Where the config file was looked for.
    ///   - credentials: Its contents, nil when absent.
    ///   - config: Its contents, nil when absent.
    package init(credentialsPath: String, configPath: String, credentials: AWSIniFile?, config: AWSIniFile?) {
        self.credentialsPath = credentialsPath
        self.configPath = configPath
        self.credentials = credentials
        self.config = config
    }

    /// Locates and reads both files.
    ///
    /// - Parameters:
    ///   - environment: The process environment (only `AWS_SHARED_CREDENTIALS_FILE`,
    ///     `AWS_CONFIG_FILE` and `HOME` are read from it).
    ///   - readFile: Returns a file's text, or nil when it does not exist or cannot be read.
    /// - Returns: The files; a missing file is nil, not an error.
    package static func load(
        environment: [String: String],
        readFile: (String) -> String? = AWSSharedFiles.readText
    ) -> AWSSharedFiles {
        let home = environment["HOME"].map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? ""
        let credentialsPath = expand(environment["AWS_SHARED_CREDENTIALS_FILE"], home: home) ?? "\(home)/.aws/credentials"
        let configPath = expand(environment["AWS_CONFIG_FILE"], home: home) ?? "\(home)/.aws/config"
        return AWSSharedFiles(
            credentialsPath: credentialsPath, configPath: configPath,
            credentials: readFile(credentialsPath).map(AWSIniFile.init(parsing:)),
            config: readFile(configPath).map(AWSIniFile.init(parsing:)))
    }

    /// The settings of profile `name`: its config-file section (`[profile NAME]`, or
    /// `[default]` for the default profile) overlaid by its credentials-file section.
    ///
    /// - Parameter name: The profile name.
    /// - Returns: The merged settings, or nil when neither file has the profile.
    package func profile(_ name: String) -> [String: String]? {
        let configSection =
            name == "default"
            ? (config?[section: "default"] ?? config?[section: "profile default"])
            : config?[section: "profile \(name)"]
        let credentialsSection = credentials?[section: name]
        guard configSection != nil || credentialsSection != nil else { return nil }
        return (configSection ?? [:]).merging(credentialsSection ?? [:]) { _, fromCredentials in fromCredentials }
    }

    /// Reads a UTF-8 text file.
    ///
    /// - Parameter path: The file path.
    /// - Returns: The text, or nil when the file is missing or unreadable.
    package static func readText(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func expand(_ path: String?, home: String) -> String? {
        guard let path, !path.isEmpty else { return nil }
        return path.hasPrefix("~/") ? home + path.dropFirst() : path
    }
}
