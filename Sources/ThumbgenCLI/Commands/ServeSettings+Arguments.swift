import ThumbgenServe

extension ServeSettings {
    /// Reads and checks the parsed options of `thumbgen serve`.
    ///
    /// - Throws: ``UsageError`` for a bad port, half of the bucket pair, the same bucket twice,
    ///   or `--endpoint-url`/`--data` mixed with the wrong storage.
    init(_ arguments: ParsedArguments, command: String = "serve") throws(UsageError) {
        self.init()
        if let host = arguments.string("host") {
            guard !host.isEmpty else { throw UsageError(.invalidValue, "--host: empty address", command: command) }
            self.host = host
        }
        port = try arguments.integer("port", in: 0...65535) ?? 8080
        maxBodyBytes = try arguments.integer("max-body", in: 1...(64 << 20)) ?? maxBodyBytes
        imageJobs = try arguments.integer("jobs", in: 1...256) ?? imageJobs
        imageQueue = try arguments.integer("queue", in: 0...10_000) ?? 2 * imageJobs
        headerTimeoutSeconds = try arguments.integer("header-timeout", in: 1...3600) ?? headerTimeoutSeconds
        idleTimeoutSeconds = try arguments.integer("idle-timeout", in: 1...86400) ?? idleTimeoutSeconds
        maxConnections = try arguments.integer("max-connections", in: 1...1_000_000) ?? maxConnections
        let originals = arguments.string("bucket")
        let thumbnails = arguments.string("thumbnails-bucket")
        switch (originals, thumbnails) {
        case (nil, nil):
            if arguments.has("endpoint-url") {
                throw UsageError(.conflictingOptions, "--endpoint-url needs --bucket and --thumbnails-bucket", command: command)
            }
            storage = .folders(data: arguments.string("data") ?? "./thumbgen-data")
        case (let originals?, let thumbnails?):
            if arguments.has("data") {
                throw UsageError(.conflictingOptions, "--data is for folder storage; leave it out with --bucket", command: command)
            }
            if originals == thumbnails {
                throw UsageError(
                    .conflictingOptions,
                    "--bucket and --thumbnails-bucket are both '\(originals)': thumbnails written into the originals bucket would trigger the function again, endlessly",
                    command: command)
            }
            storage = .s3(originals: originals, thumbnails: thumbnails, endpointURL: arguments.string("endpoint-url"))
        case (nil, _?):
            throw UsageError(.missingArgument, "--thumbnails-bucket needs --bucket (the originals bucket)", command: command)
        case (_?, nil):
            throw UsageError(.missingArgument, "--bucket needs --thumbnails-bucket (a different bucket for the thumbnails)", command: command)
        }
    }
}
