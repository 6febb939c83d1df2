import Dispatch
import ThumbgenBasics
import ThumbgenServe

#if canImport(Glibc)
import Glibc
#endif

/// `thumbgen serve`: the upload page, the API and the function on this machine.
struct ServeCommand: Command {
    let name = "serve"
    let summary = "Run the upload page, the API and the thumbnail function locally"
    let discussion = """
        Listens on http://HOST:PORT/ and turns each request into an API Gateway HTTP API event
        (payload format 2.0) for the thumbnail function, and its answer back into HTTP, as API
        Gateway does. Open the address in a browser for the upload page.

        Storage: by default two folders under --data, originals/ and thumbnails/, written
        atomically; an original stored there triggers the function's S3-event path in-process, and
        presigned URLs are local ones (/_local/BUCKET/KEY?expires=…&signature=…, an HMAC of this
        process's random secret). With --bucket and --thumbnails-bucket, real S3 buckets instead
        (credentials and region as the AWS CLI finds them; --endpoint-url for an S3-compatible server).

        Limits: request bodies to the function up to --max-body bytes (default 10 MiB, API
        Gateway's limit), events up to 6 MB (Lambda's synchronous payload limit), PUTs to local
        presigned URLs up to 100 MiB; larger requests get 413. Bodies in memory, all requests
        together: 512 MiB; a request that does not fit gets 503 with Retry-After. Keys with '..'
        or '.' segments, a leading '/', empty segments or NUL are refused.

        Connections: a request head must arrive within --header-timeout seconds (default 10), a
        keep-alive connection may idle --idle-timeout seconds (default 60); at --max-connections
        (default 512) a new connection replaces the one that has waited longest for a request,
        or is closed when all are busy. Image work (POST /thumbnails and S3 events) runs in one
        pool of --jobs (default: the cores) with --queue requests waiting (default: twice
        --jobs); beyond that POST /thumbnails gets 503 with Retry-After, while the page and the
        other routes keep answering.

        One access-log line per request on standard output (presigned signatures redacted).
        Ctrl-C stops the server: requests in flight finish, then the exit status is 130; SIGTERM
        stops it the same way with status 0. Image jobs already running get 7 seconds to finish,
        waiting ones are abandoned, so it exits within 10 seconds.
        """
    let positionals: [PositionalSpec] = []
    let options: [OptionSpec] = [
        .value("port", short: "p", valueName: "PORT", help: "TCP port to listen on (0 picks a free one)", default: "8080"),
        .value("host", valueName: "ADDRESS", help: "Address to listen on; 0.0.0.0 exposes the server to the network", default: "127.0.0.1"),
        .value("data", valueName: "DIR", help: "Folder holding the two buckets as folders", default: "./thumbgen-data"),
        .value("bucket", valueName: "NAME", help: "Use this S3 bucket for originals instead of folders"),
        .value("thumbnails-bucket", valueName: "NAME", help: "S3 bucket for thumbnails (with --bucket; must differ)"),
        .value("endpoint-url", valueName: "URL", help: "S3-compatible endpoint for the buckets, e.g. http://127.0.0.1:8333"),
        .value("max-body", valueName: "BYTES", help: "Largest request body sent to the function, bytes", default: "10485760"),
        .value("jobs", short: "j", valueName: "N", help: "Image jobs made at once (POST /thumbnails and S3 events)", default: "the cores"),
        .value("queue", valueName: "N", help: "POST /thumbnails requests waiting beyond --jobs; more get 503", default: "twice --jobs"),
        .value("header-timeout", valueName: "SECONDS", help: "Time a connection has to send its request head", default: "10"),
        .value("idle-timeout", valueName: "SECONDS", help: "Time a keep-alive connection may idle between requests", default: "60"),
        .value("max-connections", valueName: "N", help: "Connections open at once; the longest-waiting one makes room", default: "512"),
    ]

    func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let settings = try ServeSettings(arguments, command: name)
        let console = context.console
        let session = try ServeSession(settings: settings, environment: context.environment) { console.line($0) }

        // The signal sources are in place before the banner says the server is up: a Ctrl-C
        // that follows the banner must never fall between SIG_IGN and the sources.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let stopped = StopReason()
        var sources: [any DispatchSourceSignal] = []
        for (number, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(0))] {
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                stopped.set(status)
                session.stop()
            }
            source.resume()
            sources.append(source)
        }
        Interruption.unblock()
        console.line("thumbgen serve: \(session.baseURL)/  (\(session.storageDescription); Ctrl-C to stop)")
        session.waitUntilStopped()
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        console.errorLine("thumbgen serve: stopped")
        return stopped.status
    }
}

/// The exit status chosen by the signal that stopped the server.
private final class StopReason: @unchecked Sendable {
    private let lock = Lock()
    private var value: Int32 = 0
    var status: Int32 { lock.withLock { value } }
    func set(_ status: Int32) { lock.withLock { value = status } }
}
