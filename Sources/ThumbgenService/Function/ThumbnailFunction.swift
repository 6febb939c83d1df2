import FoundationEssentials
import ThumbgenAWS
import ThumbgenLambda

/// The thumbnail function: the Lambda handler for S3 `ObjectCreated` notifications and API
/// Gateway requests (payload formats 1.0 and 2.0), told apart by the payload's shape.
/// Built once per process; ``handle(_:log:)`` runs once per event.
package struct ThumbnailFunction: LambdaHandler {
    /// The settings.
    package let configuration: ServiceConfiguration
    /// Where originals and thumbnails live.
    package let store: any ObjectStore
    /// Makes and stores thumbnails.
    let maker: ThumbnailMaker
    /// Makes keys for uploads without one (a UUID by default).
    let newKey: @Sendable () -> String

    /// Creates the function.
    ///
    /// - Parameters:
    ///   - configuration: The settings.
    ///   - store: The object store.
    ///   - newKey: Generates the key part for uploads without a given key (default: a random UUID).
    package init(
        configuration: ServiceConfiguration, store: any ObjectStore,
        newKey: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }
    ) {
        self.configuration = configuration
        self.store = store
        self.maker = ThumbnailMaker(configuration: configuration)
        self.newKey = newKey
    }

    /// Handles one event: an S3 notification gives a JSON summary per record; an HTTP
    /// request gives an API Gateway response document (errors included, as JSON with a status).
    ///
    /// - Returns: The response document, JSON bytes.
    /// - Throws: ``ServiceError`` `.badRequest` for an event of no known shape; for S3 events,
    ///   a retryable storage failure after every record was tried (so Lambda retries the event;
    ///   records already done are rewritten identically).
    package func handle(_ invocation: LambdaInvocation, log: inout LambdaLogRecord) throws -> [UInt8] {
        let event: IncomingEvent
        do {
            event = try IncomingEvent.decode(invocation.payload)
        } catch {
            log.set("event", "unknown")
            throw error
        }
        switch event {
        case .s3(let notification):
            log.set("event", "s3")
            return try handleS3(notification, log: &log)
        case .http(let request):
            log.set("event", "http-v\(request.payloadVersion.rawValue)")
            log.set("method", request.method)
            log.set("path", request.path)
            let response = route(request, log: &log)
            log.set("status", response.statusCode)
            return response.jsonBytes
        }
    }
}
