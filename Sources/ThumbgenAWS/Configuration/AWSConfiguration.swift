import ThumbgenSigV4

/// Where AWS settings come from, resolved the way the AWS CLI does, as pure functions of
/// the values passed in (flags, an environment dictionary, the shared files).
///
/// Sources: AWS CLI User Guide, "Configuration settings and precedence", "Environment
/// variables to configure the AWS CLI"; AWS SDKs and Tools Reference Guide, "Service-specific endpoints".
package struct AWSConfiguration: Sendable {
    /// The profile used: the flag, else `AWS_PROFILE`, else `default`.
    package var profileName: String
    /// The resolved credentials.
    package var credentials: AWSCredentials
    /// The resolved region, e.g. `eu-west-1`.
    package var region: String
    /// The endpoint override for the service asked about, nil for the public AWS endpoint.
    package var endpointURL: String?

    /// Command-line values, which win over everything else.
    package struct Flags: Sendable, Hashable {
        /// `--profile`.
        package var profile: String?
        /// `--region`.
        package var region: String?
        /// `--endpoint-url`.
        package var endpointURL: String?

        /// Creates flags; nil means "not given".
        package init(profile: String? = nil, region: String? = nil, endpointURL: String? = nil) {
            self.profile = profile
            self.region = region
            self.endpointURL = endpointURL
        }
    }

    /// Resolves profile, credentials, region and `service`'s endpoint override.
    ///
    /// - Parameters:
    ///   - service: The service whose endpoint override to look up.
    ///   - flags: Command-line values.
    ///   - environment: The process environment.
    ///   - files: The shared config and credentials files.
    /// - Returns: The configuration.
    /// - Throws: ``AWSError`` `.missingCredentials`, `.missingRegion` (saying where it looked)
    ///   or `.invalidConfiguration` for an explicitly named profile that does not exist.
    package static func resolve(
        service: AWSServiceID, flags: Flags, environment: [String: String],
        files: AWSSharedFiles
    ) throws(AWSError) -> AWSConfiguration {
        let name = profileName(flag: flags.profile, environment: environment)
        let explicit = flags.profile != nil || !(environment["AWS_PROFILE"] ?? "").isEmpty
        let settings = files.profile(name)
        if explicit && settings == nil {
            throw AWSError(
                code: .invalidConfiguration,
                message: "AWS profile '\(name)' not found in \(files.credentialsPath) or \(files.configPath)")
        }
        return AWSConfiguration(
            profileName: name,
            credentials: try credentials(profileFlag: flags.profile, profileName: name, environment: environment, files: files),
            region: try region(flag: flags.region, profileName: name, environment: environment, files: files),
            endpointURL: endpointURL(
                service: service, flag: flags.endpointURL, profileName: name,
                environment: environment, files: files))
    }

    /// The profile name: `flag`, else `AWS_PROFILE`, else `default`.
    ///
    /// - Parameters:
    ///   - flag: `--profile`, if given.
    ///   - environment: The process environment.
    /// - Returns: The profile name.
    package static func profileName(flag: String?, environment: [String: String]) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let name = environment["AWS_PROFILE"], !name.isEmpty { return name }
        return "default"
    }

    /// Credentials: `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`),
    /// else the profile's `aws_access_key_id` / `aws_secret_access_key` / `aws_session_token`
    /// (credentials file over config file). An explicit `--profile` flag wins over the
    /// environment variables, as in the AWS CLI.
    ///
    /// - Parameters:
    ///   - profileFlag: `--profile`, if given.
    ///   - profileName: The resolved profile name.
    ///   - environment: The process environment.
    ///   - files: The shared files.
    /// - Returns: The credentials.
    /// - Throws: ``AWSError`` `.missingCredentials` naming every place looked in.
    package static func credentials(
        profileFlag: String?, profileName: String, environment: [String: String],
        files: AWSSharedFiles
    ) throws(AWSError) -> AWSCredentials {
        let fromEnvironment = pair(
            environment["AWS_ACCESS_KEY_ID"], environment["AWS_SECRET_ACCESS_KEY"],
            environment["AWS_SESSION_TOKEN"])
        let settings = files.profile(profileName) ?? [:]
        let fromProfile = pair(settings["aws_access_key_id"], settings["aws_secret_access_key"], settings["aws_session_token"])
        if profileFlag != nil, let fromProfile { return fromProfile }
        if let found = fromEnvironment ?? fromProfile { return found }
        throw AWSError(
            code: .missingCredentials,
            message:
                "no AWS credentials: looked in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and profile '\(profileName)' in \(files.credentialsPath) and \(files.configPath)")
    }

    /// Region: `flag`, else `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the profile's `region`.
    ///
    /// - Parameters:
    ///   - flag: `--region`, if given.
    ///   - profileName: The resolved profile name.
    ///   - environment: The process environment.
    ///   - files: The shared files.
    /// - Returns: The region name.
    /// - Throws: ``AWSError`` `.missingRegion` naming every place looked in.
    package static func region(
        flag: String?, profileName: String, environment: [String: String],
        files: AWSSharedFiles
    ) throws(AWSError) -> String {
        let candidates = [flag, environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"], files.profile(profileName)?["region"]]
        if let found = candidates.compactMap({ $0 }).first(where: { !$0.isEmpty }) { return found }
        throw AWSError(
            code: .missingRegion,
            message:
                "no AWS region: looked in --region, AWS_REGION, AWS_DEFAULT_REGION and profile '\(profileName)' in \(files.configPath)")
    }

    /// Endpoint override: `flag`, else `AWS_ENDPOINT_URL_<SERVICE>`, else `AWS_ENDPOINT_URL`,
    /// else the profile's `endpoint_url`; the environment and profile are skipped when
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is `true`. Nil means the public AWS endpoint.
    ///
    /// - Parameters:
    ///   - service: The service (its `AWS_ENDPOINT_URL_<SUFFIX>` is checked first).
    ///   - flag: `--endpoint-url`, if given.
    ///   - profileName: The resolved profile name.
    ///   - environment: The process environment.
    ///   - files: The shared files.
    /// - Returns: The URL without a trailing slash, or nil.
    package static func endpointURL(
        service: AWSServiceID, flag: String?, profileName: String,
        environment: [String: String], files: AWSSharedFiles
    ) -> String? {
        var candidates = [flag]
        if environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() != "true" {
            candidates += [
                environment["AWS_ENDPOINT_URL_\(service.environmentSuffix)"], environment["AWS_ENDPOINT_URL"],
                files.profile(profileName)?["endpoint_url"],
            ]
        }
        guard var found = candidates.compactMap({ $0 }).first(where: { !$0.isEmpty }) else { return nil }
        while found.hasSuffix("/") { found.removeLast() }
        return found
    }

    private static func pair(_ id: String?, _ secret: String?, _ token: String?) -> AWSCredentials? {
        guard let id, let secret, !id.isEmpty, !secret.isEmpty else { return nil }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: (token ?? "").isEmpty ? nil : token)
    }
}
