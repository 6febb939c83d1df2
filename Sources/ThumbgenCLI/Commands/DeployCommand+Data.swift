import ThumbgenAWS
import ThumbgenDeploy
import ThumbgenHTTP

extension DeployCommand {
    /// Before `--destroy`: what the stack's buckets still hold. Without `--delete-data`, any
    /// object version or delete marker stops the destroy before Terraform runs (S3 refuses to
    /// delete a non-empty bucket, `BucketNotEmpty`, after Terraform has already removed the
    /// rest), with a message naming each bucket, what is in it and how to remove it. With
    /// `--delete-data`, the counts are shown, the user confirms (`yes`, or `--auto-approve`),
    /// and every version and marker is deleted.
    ///
    /// - Parameters:
    ///   - stack: The saved outputs (bucket names, region, endpoint), or nil when none are known.
    ///   - settings: The deploy options.
    ///   - environment: For credentials and profile, as the AWS CLI finds them.
    ///   - console: Where the counts and the question go.
    /// - Throws: ``DeployError`` `.dataLeft`, `.declined`, `.storage`; ``AWSError`` when no
    ///   credentials or region can be found.
    static func clearBuckets(of stack: StackOutputs?, settings: DeploySettings, environment: [String: String], console: Console) throws {
        guard let stack else { return }
        let flags = AWSConfiguration.Flags(
            profile: settings.profile, region: settings.region ?? stack.region,
            endpointURL: settings.endpointURL ?? stack.endpointURL)
        let configuration = try AWSConfiguration.resolve(
            service: .s3, flags: flags, environment: environment,
            files: AWSSharedFiles.load(environment: environment))
        let client = S3Client(configuration: configuration, http: CurlHTTPClient(sslCertFile: environment["SSL_CERT_FILE"]))
        let contents = try [stack.originalsBucket, stack.thumbnailsBucket].map { bucket throws(DeployError) in
            try BucketContents.read(bucket: bucket, client: client)
        }
        let used = contents.filter { !$0.versions.isEmpty }
        guard !used.isEmpty else { return }
        guard settings.deleteData else {
            throw DeployError(
                .dataLeft,
                "the stack's buckets still hold data, so nothing was destroyed: "
                    + used.map { $0.summary }.joined(separator: "; ")
                    + ". Run 'thumbgen deploy --destroy --delete-data' to delete every version and then the stack, "
                    + "or empty the buckets yourself (all versions and delete markers: the buckets are versioned) and run --destroy again")
        }
        console.line("Deleting the data in the stack's buckets (every version and delete marker):")
        for bucket in used { console.line("  \(bucket.summary)") }
        if !settings.autoApprove {
            console.line("Delete them? This cannot be undone. Only 'yes' will be accepted:")
            guard readLine(strippingNewline: true)?.filter({ !$0.isWhitespace }) == "yes" else {
                throw DeployError(.declined, "nothing was deleted or destroyed (the answer was not 'yes')")
            }
        }
        for bucket in used {
            try bucket.deleteAll(client: client)
            console.line("Deleted \(bucket.versionCount + bucket.deleteMarkerCount) versions and markers from s3://\(bucket.bucket)")
        }
    }
}
