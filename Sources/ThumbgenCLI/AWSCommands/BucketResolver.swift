import ThumbgenDeploy

#if canImport(Glibc)
import Glibc
#endif

/// Which bucket a command uses, in one documented order: the flag, else the environment
/// variable, else the stack outputs saved by `thumbgen deploy` (see ``StackOutputs``).
struct BucketResolver: Sendable {
    /// Which of the two buckets.
    enum Role: Sendable {
        case originals
        case thumbnails

        /// `--bucket` / `--thumbnails-bucket`.
        var flag: String { self == .originals ? "bucket" : "thumbnails-bucket" }
        /// `THUMBGEN_ORIGINALS_BUCKET` / `THUMBGEN_THUMBNAILS_BUCKET`.
        var environmentVariable: String {
            self == .originals ? "THUMBGEN_ORIGINALS_BUCKET" : "THUMBGEN_THUMBNAILS_BUCKET"
        }
        /// For messages: `originals bucket`.
        var noun: String { self == .originals ? "originals bucket" : "thumbnails bucket" }
    }

    private let arguments: ParsedArguments
    private let environment: [String: String]
    /// The stack outputs when a file was found and read, or why not (for the error message).
    let stack: Result<StackOutputs, DeployError>
    /// Where the stack outputs were looked for.
    let stackPath: String

    /// - Parameters:
    ///   - arguments: The parsed flags (`--bucket`, `--thumbnails-bucket`, `--stack`).
    ///   - environment: The process environment.
    ///   - currentDirectory: An absolute path, where the search for `.thumbgen/stack.json` starts.
    init(_ arguments: ParsedArguments, environment: [String: String], currentDirectory: String) {
        self.arguments = arguments
        self.environment = environment
        stackPath = StackOutputs.location(
            flag: arguments.string("stack"), environment: environment,
            currentDirectory: currentDirectory)
        stack = Result { () throws(DeployError) in
            try StackOutputs.load(flag: arguments.string("stack"), environment: environment, currentDirectory: currentDirectory)
        }
    }

    /// The stack's region, when the stack outputs were read.
    var stackRegion: String? { try? stack.get().region }
    /// The stack's local-AWS endpoint, when it was deployed with `--endpoint-url`.
    var stackEndpoint: String? { try? stack.get().endpointURL }

    /// The bucket for `role`, or nil when no source names one.
    func bucket(_ role: Role) -> String? {
        if let flag = arguments.string(role.flag), !flag.isEmpty { return flag }
        if let name = environment[role.environmentVariable], !name.isEmpty { return name }
        guard let outputs = try? stack.get() else { return nil }
        let name = role == .originals ? outputs.originalsBucket : outputs.thumbnailsBucket
        return name.isEmpty ? nil : name
    }

    /// The bucket for `role`.
    ///
    /// - Throws: ``UsageError`` `.missingArgument`, one line naming every place looked in, e.g.
    ///   `no originals bucket: looked in --bucket, THUMBGEN_ORIGINALS_BUCKET and /x/.thumbgen/stack.json (no deployed stack found)`.
    func require(_ role: Role) throws(UsageError) -> String {
        if let name = bucket(role) { return name }
        let why: String
        switch stack {
        case .success: why = "it names no \(role.noun)"
        case .failure(let error) where error.code == .noStack: why = "no such file or folder; run 'thumbgen deploy' or pass --stack FILE"
        case .failure(let error): why = error.message
        }
        throw UsageError(
            .missingArgument,
            "no \(role.noun): looked in --\(role.flag), \(role.environmentVariable) and \(stackPath) (\(why))",
            command: arguments.command)
    }

    /// The process's current directory, or `.` when it cannot be read.
    static func currentDirectory() -> String {
        guard let path = getcwd(nil, 0) else { return "." }
        defer { free(path) }
        return String(cString: path)
    }
}
