import FoundationEssentials
import ThumbgenBasics

/// The outputs of a deployed stack, saved by `thumbgen deploy` and read by `upload`, `fetch`
/// and `logs` so they need no bucket or function flags.
///
/// Where: the file named by `--stack FILE`, else by the `THUMBGEN_STACK` environment variable,
/// else `.thumbgen/stack.json` in the current directory or the nearest parent that has one
/// (as git finds `.git`). `deploy` writes to the first two, or to `./.thumbgen/stack.json`.
/// The file is JSON with the Terraform output names as keys, e.g.
/// `{"api_url":"https://abc.execute-api.eu-west-1.amazonaws.com/","function_name":"thumbgen",...}`.
package struct StackOutputs: Codable, Sendable, Equatable {
    /// Bucket for originals (uploads here trigger the function).
    package var originalsBucket: String
    /// Bucket the function writes thumbnails to.
    package var thumbnailsBucket: String
    /// Base URL of the HTTP API, ending in `/`.
    package var apiURL: String
    /// The Lambda function's name.
    package var functionName: String
    /// The function's CloudWatch Logs group, e.g. `/aws/lambda/thumbgen`.
    package var logGroupName: String
    /// The stack's AWS region, e.g. `eu-west-1`.
    package var region: String
    /// The local AWS (MiniStack, LocalStack) the stack was deployed to with `--endpoint-url`,
    /// e.g. `http://127.0.0.1:4566`; nil on AWS. `upload`, `fetch`, `logs` and
    /// `deploy --destroy` use it when no flag or variable names an endpoint.
    package var endpointURL: String?
    /// The formats the function writes, comma-separated as in `THUMBGEN_FORMATS`, e.g.
    /// `jpeg,webp,avif` (`deploy --formats`); `upload` predicts its thumbnail keys from them when
    /// no `--format` is given. Nil for a stack saved before the output existed.
    package var thumbnailFormats: String?
    /// The sizes the function makes, comma-separated as in `THUMBGEN_SIZES`, e.g. `128,256`;
    /// `upload`'s default for `--sizes`. Nil for a stack saved before the output existed.
    package var thumbnailSizes: String?

    package enum CodingKeys: String, CodingKey, CaseIterable {
        case originalsBucket = "originals_bucket"
        case thumbnailsBucket = "thumbnails_bucket"
        case apiURL = "api_url"
        case functionName = "function_name"
        case logGroupName = "log_group_name"
        case region
        case endpointURL = "endpoint_url"
        case thumbnailFormats = "thumbnail_formats"
        case thumbnailSizes = "thumbnail_sizes"
    }

    /// The project-local location, relative to a directory.
    package static let relativePath = ".thumbgen/stack.json"
    /// The environment variable that overrides the location.
    package static let environmentVariable = "THUMBGEN_STACK"

    package init(
        originalsBucket: String, thumbnailsBucket: String, apiURL: String, functionName: String, logGroupName: String, region: String,
        endpointURL: String? = nil, thumbnailFormats: String? = nil, thumbnailSizes: String? = nil
    ) {
        self.endpointURL = endpointURL
        self.thumbnailFormats = thumbnailFormats
        self.thumbnailSizes = thumbnailSizes
        self.originalsBucket = originalsBucket
        self.thumbnailsBucket = thumbnailsBucket
        self.apiURL = apiURL
        self.functionName = functionName
        self.logGroupName = logGroupName
        self.region = region
    }

    /// Reads the outputs from `terraform output -json`, whose shape is
    /// `{"NAME": {"sensitive": false, "type": "string", "value": "..."}}`
    /// (https://developer.hashicorp.com/terraform/cli/commands/output).
    ///
    /// - Throws: ``DeployError`` `.invalidOutputs` naming the first missing or non-string output.
    package init(terraformOutputJSON json: [UInt8]) throws(DeployError) {
        struct Output: Decodable { var value: String? }
        let outputs: [String: Output]
        do { outputs = try JSONDecoder().decode([String: Output].self, from: Data(json)) } catch {
            throw DeployError(.invalidOutputs, "terraform output -json: not a JSON object of outputs")
        }
        func value(_ key: CodingKeys) throws(DeployError) -> String {
            guard let text = outputs[key.rawValue]?.value else {
                throw DeployError(.invalidOutputs, "terraform output -json: missing string output '\(key.rawValue)'")
            }
            return text
        }
        self.init(
            originalsBucket: try value(.originalsBucket), thumbnailsBucket: try value(.thumbnailsBucket),
            apiURL: try value(.apiURL), functionName: try value(.functionName),
            logGroupName: try value(.logGroupName), region: try value(.region),
            // Optional: an --infra copy made before the output existed has none.
            endpointURL: outputs[CodingKeys.endpointURL.rawValue]?.value.flatMap { $0.isEmpty ? nil : $0 },
            thumbnailFormats: outputs[CodingKeys.thumbnailFormats.rawValue]?.value.flatMap { $0.isEmpty ? nil : $0 },
            thumbnailSizes: outputs[CodingKeys.thumbnailSizes.rawValue]?.value.flatMap { $0.isEmpty ? nil : $0 }
        )
    }

    /// Where the outputs are read from and written to.
    ///
    /// - Parameters:
    ///   - flag: the value of `--stack FILE`, if given.
    ///   - environment: the process environment (`THUMBGEN_STACK`).
    ///   - currentDirectory: an absolute path.
    ///   - forWriting: when true, never search parents: `currentDirectory/.thumbgen/stack.json`.
    /// - Returns: the file path (which may not exist yet).
    package static func location(flag: String?, environment: [String: String], currentDirectory: String, forWriting: Bool = false) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let path = environment[environmentVariable], !path.isEmpty { return path }
        let local = "\(currentDirectory)/\(relativePath)"
        if forWriting { return local }
        var directory = currentDirectory
        while true {
            let candidate = "\(directory)/\(relativePath)"
            if FileIO.exists(candidate) { return candidate }
            let parent = Path.directory(of: directory)
            if parent == directory || parent.isEmpty { return local }
            directory = parent
        }
    }

    /// Loads the saved outputs.
    ///
    /// - Parameters: as ``location(flag:environment:currentDirectory:forWriting:)``.
    /// - Throws: ``DeployError`` `.noStack` (with the path) when no file exists, `.invalidOutputs`
    ///   when it is not a stack file.
    package static func load(flag: String?, environment: [String: String], currentDirectory: String) throws(DeployError) -> StackOutputs {
        let path = location(flag: flag, environment: environment, currentDirectory: currentDirectory)
        guard FileIO.exists(path) else {
            throw DeployError(.noStack, "\(path): no deployed stack found (run 'thumbgen deploy', or pass --stack FILE)")
        }
        let bytes: [UInt8]
        do { bytes = try FileIO.read(path) } catch { throw DeployError(.fileSystem, "\(error)") }
        do { return try JSONDecoder().decode(StackOutputs.self, from: Data(bytes)) } catch {
            throw DeployError(.invalidOutputs, "\(path): not a thumbgen stack file")
        }
    }

    /// Writes the outputs as JSON to `path` atomically, creating its folder.
    ///
    /// - Throws: ``DeployError`` `.fileSystem` naming the path.
    package func save(to path: String) throws(DeployError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            let data = try encoder.encode(self)
            try FileIO.createDirectory(Path.directory(of: path))
            try FileIO.writeAtomically(Array(data) + [0x0A], to: path)
        } catch let error as FileError {
            throw DeployError(.fileSystem, "\(error)")
        } catch {
            throw DeployError(.invalidOutputs, "\(path): cannot encode stack outputs")
        }
    }
}
