/// `thumbgen serve`'s options, checked.
struct ServeSettings: Sendable, Equatable {
    /// Where storage lives.
    enum Storage: Sendable, Equatable {
        /// Two folders under `data`: `originals/` and `thumbnails/`.
        case folders(data: String)
        /// Two real S3 buckets, optionally at a custom endpoint (SeaweedFS, MinIO, LocalStack).
        case s3(originals: String, thumbnails: String, endpointURL: String?)
    }

    /// Address to listen on. Default `127.0.0.1` (this machine only).
    var host = "127.0.0.1"
    /// TCP port; 0 picks a free one. Default 8080.
    var port = 8080
    var storage = Storage.folders(data: "./thumbgen-data")
    /// Largest body of a request to the function, bytes.
    var maxBodyBytes = ServeLimits().functionBodyBytes

    /// Reads and checks the parsed options of `thumbgen serve`.
    ///
    /// - Throws: ``UsageError`` for a bad port, half of the bucket pair, the same bucket twice,
    ///   or `--endpoint-url`/`--data` mixed with the wrong storage.
    init(_ arguments: ParsedArguments, command: String = "serve") throws(UsageError) {
        if let host = arguments.string("host") {
            guard !host.isEmpty else { throw UsageError(.invalidValue, "--host: empty address", command: command) }
            self.host = host
        }
        port = try arguments.integer("port", in: 0...65535) ?? 8080
        maxBodyBytes = try arguments.integer("max-body", in: 1...(64 << 20)) ?? maxBodyBytes
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
                throw UsageError(.conflictingOptions, "--bucket and --thumbnails-bucket are both '\(originals)': thumbnails written into the originals bucket would trigger the function again, endlessly", command: command)
            }
            storage = .s3(originals: originals, thumbnails: thumbnails, endpointURL: arguments.string("endpoint-url"))
        case (nil, _?):
            throw UsageError(.missingArgument, "--thumbnails-bucket needs --bucket (the originals bucket)", command: command)
        case (_?, nil):
            throw UsageError(.missingArgument, "--bucket needs --thumbnails-bucket (a different bucket for the thumbnails)", command: command)
        }
    }
}
