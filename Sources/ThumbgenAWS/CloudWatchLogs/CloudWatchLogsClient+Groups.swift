/// Listing and creating log groups and streams, and uploading events.
extension CloudWatchLogsClient {
    /// The names of the log groups starting with `prefix`, following `nextToken` to the end
    /// (a repeated token ends the listing).
    ///
    /// - Parameters:
    ///   - prefix: A name prefix such as `/aws/lambda/`; nil for every group.
    ///   - limit: The most names to return.
    /// - Returns: Group names in the service's order (alphabetical).
    /// - Throws: ``AWSError`` as for ``filterLogEvents(_:nextToken:)``.
    /// Source: Amazon CloudWatch Logs API Reference, "DescribeLogGroups".
    package func describeLogGroups(prefix: String?, limit: Int = 1000) throws(AWSError) -> [String] {
        var names: [String] = []
        var token: String?
        var seen: Set<String> = []
        repeat {
            let body = DescribeBody(logGroupNamePrefix: prefix.flatMap { $0.isEmpty ? nil : $0 }, nextToken: token)
            let page: GroupsPage = try call(.describeLogGroups, body: body, subject: "log groups in region \(region)")
            names += (page.logGroups ?? []).map(\.logGroupName)
            token = page.nextToken.flatMap { $0.isEmpty ? nil : $0 }
            if let current = token, !seen.insert(current).inserted { break }
        } while token != nil && names.count < limit
        return Array(names.prefix(limit))
    }

    /// Creates a log group. Source: Amazon CloudWatch Logs API Reference, "CreateLogGroup".
    ///
    /// - Parameter name: The group name.
    /// - Throws: ``AWSError`` (`ResourceAlreadyExistsException` when it exists).
    package func createLogGroup(_ name: String) throws(AWSError) {
        _ = try send(.createLogGroup, body: ["logGroupName": name], subject: "log group '\(name)' in region \(region)")
    }

    /// Creates a log stream. Source: Amazon CloudWatch Logs API Reference, "CreateLogStream".
    ///
    /// - Parameters:
    ///   - name: The stream name.
    ///   - group: The group name.
    /// - Throws: ``AWSError``.
    package func createLogStream(_ name: String, group: String) throws(AWSError) {
        _ = try send(
            .createLogStream, body: ["logGroupName": group, "logStreamName": name],
            subject: "log stream '\(name)' of log group '\(group)' in region \(region)")
    }

    /// Uploads events to a stream; they must be in timestamp order (equal timestamps allowed).
    /// Source: Amazon CloudWatch Logs API Reference, "PutLogEvents".
    ///
    /// - Parameters:
    ///   - events: At most 10 000 events, oldest first.
    ///   - stream: The stream name.
    ///   - group: The group name.
    /// - Throws: ``AWSError``.
    package func putLogEvents(_ events: [InputLogEvent], stream: String, group: String) throws(AWSError) {
        _ = try send(
            .putLogEvents, body: PutBody(logGroupName: group, logStreamName: stream, logEvents: events),
            subject: "log stream '\(stream)' of log group '\(group)' in region \(region)")
    }

    private struct DescribeBody: Encodable {
        var logGroupNamePrefix: String?
        var nextToken: String?
    }

    private struct GroupsPage: Decodable {
        struct Group: Decodable { var logGroupName: String }
        var logGroups: [Group]?
        var nextToken: String?
    }

    private struct PutBody: Encodable {
        var logGroupName: String
        var logStreamName: String
        var logEvents: [InputLogEvent]
    }
}
