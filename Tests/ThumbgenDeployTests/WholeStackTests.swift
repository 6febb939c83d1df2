import Foundation
import Testing
import ThumbgenAWS
import ThumbgenHTTP
import ThumbgenSigV4
import ThumbgenTestSupport

/// The whole product as a user runs it, against a local AWS (MiniStack on 127.0.0.1): the
/// built `thumbgen` deploys `infra/` with the real hashicorp/aws provider (from the mirror),
/// MiniStack runs the deployed package's `bootstrap` on S3 notifications and API calls, and
/// every command and route is used once, in order, then the stack is destroyed with its data.
@Suite(
    .serialized,
    .enabled(if: MiniStack.isInstalled, Comment(rawValue: MiniStack.skipMessage)),
    .enabled(if: TerraformMirror.isAvailable, Comment(rawValue: TerraformMirror.skipMessage)),
    .enabled(if: DeployTestSupport.onPath("terraform") != nil, "terraform is not on PATH"))
struct WholeStackTests {
    static let trickyKey = "photos/My Cat+1 (2).jpg"
    /// Debian's Chromium and the page script `ServeBrowserTests` also drives (against `serve`).
    static let chromium = "/usr/bin/chromium"
    static let browserScript = BinaryRunner.packageRoot.appendingPathComponent("Tests/browser/upload_page.py")
    static var browserAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: chromium)
            && (try? DeployTestSupport.run("/usr/bin/env", ["python3", "-c", "import playwright.sync_api"]).status) == 0
    }

    /// What a test of the deployed stack needs: the folder holding `.thumbgen/`, the
    /// environment, MiniStack, and the saved stack outputs.
    struct Stack {
        let server: MiniStack
        let folder: TemporaryFolder
        let environment: [String: String]
        let http = CurlHTTPClient()

        func thumbgen(_ arguments: [String]) throws -> BinaryRunner.Result {
            try BinaryRunner.run(arguments, in: folder.url, environment: environment)
        }

        var outputs: [String: String] {
            get throws {
                let data = try Data(contentsOf: folder.url.appendingPathComponent(".thumbgen/stack.json"))
                return try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
            }
        }

        var s3: S3Client {
            S3Client(
                credentials: AWSCredentials(accessKeyID: MiniStack.accessKeyID, secretAccessKey: MiniStack.secretAccessKey),
                region: MiniStack.region, endpointURL: server.endpoint, http: http)
        }

        /// `METHOD API_URL+path`, redirects not followed.
        func api(
            _ method: String, _ path: String, body: [UInt8]? = nil, contentType: String? = nil, accept: String? = nil
        ) throws -> HTTPResponse {
            let base = try #require(try outputs["api_url"])
            var headers: [(name: String, value: String)] = []
            if let contentType { headers.append(("Content-Type", contentType)) }
            if let accept { headers.append(("Accept", accept)) }
            return try http.send(
                HTTPRequest(
                    method: method, url: base + path, headers: headers,
                    body: body.map { .bytes($0) } ?? .none, timeout: .seconds(60)))
        }
    }

    static func json(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test(.timeLimit(.minutes(15)))
    func deployUseAndDestroyAgainstMiniStack() throws {
        let server = try MiniStack.server()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var environment = server.clientEnvironment()
        environment["TF_CLI_CONFIG_FILE"] = try TerraformMirror.writeCLIConfiguration(in: folder.url.path)
        environment["TF_IN_AUTOMATION"] = "1"
        environment["CHECKPOINT_DISABLE"] = "1"
        environment["NO_COLOR"] = "1"
        let stack = Stack(server: server, folder: folder, environment: environment)

        // 1. deploy --endpoint-url: the provider override, the function's endpoint, the stack file;
        // --formats: every thumbnail in JPEG, WebP and AVIF.
        // The package users deploy: the release build (ReleaseBuild), packaged by `deploy` itself.
        #expect(ReferenceDecoder.missing.isEmpty, "reference decoders missing (.ci/install-test-deps installs them): \(ReferenceDecoder.missing)")
        let release = try ReleaseBuild.path()
        let deployStart = Date()
        let deployed = try stack.thumbgen([
            "deploy", "--endpoint-url", server.endpoint, "--name", "tgstack", "--auto-approve", "--binary", release, "--formats", "jpeg,webp,avif",
        ])
        print("whole-stack: deploy took \(String(format: "%.1f", Date().timeIntervalSince(deployStart))) s")
        try #require(deployed.status == 0, "\(deployed.stdout.suffix(3000))\(deployed.stderr)\n\(server.log.suffix(3000))")
        let outputs = try stack.outputs
        #expect(outputs["endpoint_url"] == server.endpoint)
        #expect(outputs["originals_bucket"] == "tgstack-originals-\(MiniStack.accountID)")
        let apiURL = try #require(outputs["api_url"])
        #expect(apiURL.hasPrefix("http://") && apiURL.contains(".execute-api.localhost:\(server.port)"), "\(apiURL)")

        // 2. upload --wait, no endpoint or format flag: the stack file carries both (one key per
        // deployed format printed, waited for and downloaded).
        #expect(outputs["thumbnail_formats"] == "jpeg,webp,avif")
        let photo = try folder.copy(BinaryRunner.example("photo.jpg"), as: "photo.jpg")
        let uploadStart = Date()
        let uploaded = try stack.thumbgen(["upload", "--key", Self.trickyKey, photo, "--wait", "--timeout", "120s"])
        print("whole-stack: upload -> thumbnail took \(String(format: "%.2f", Date().timeIntervalSince(uploadStart))) s")
        try #require(uploaded.status == 0, "\(uploaded.stderr)\n\(server.log.suffix(3000))")
        for ext in ["jpg", "webp", "avif"] {
            #expect(uploaded.stdout.contains("thumbnails/256/\(Self.trickyKey).\(ext)"), "\(uploaded.stdout)")
        }
        let thumbnail = folder.path("photo.thumb.jpg")
        let dimensions = try #require(EncodedDimensions.of(thumbnail))
        #expect(dimensions.format == "jpeg" && max(dimensions.width, dimensions.height) == 256)
        let expected = ReferenceDecoder.Decoded(width: dimensions.width, height: dimensions.height)
        // The deployed function made the same bytes as `thumbgen resize` (same pipeline, same
        // defaults) in JPEG and WebP; the AVIF decodes (avifdec) to the same size.
        for (ext, type) in [("jpg", "image/jpeg"), ("webp", "image/webp"), ("avif", "image/avif")] {
            let downloaded = try #require(FileManager.default.contents(atPath: folder.path("photo.thumb.\(ext)")), "photo.thumb.\(ext)")
            #expect(try ReferenceDecoder.decode(Array(downloaded), as: type) == expected, "photo.thumb.\(ext)")
            guard ext != "avif" else { continue }
            let local = try stack.thumbgen(["resize", photo, "-o", folder.path("local.\(ext)")])
            #expect(local.status == 0)
            #expect(downloaded == FileManager.default.contents(atPath: folder.path("local.\(ext)")), "photo.thumb.\(ext)")
        }

        // 2b. fetch --format webp|avif finds the same keys; GET /thumbnails/{key} answers each
        // browser by its Accept (through API Gateway), with Vary: Accept, and 406 when nothing fits.
        for (format, ext, type) in [("webp", "webp", "image/webp"), ("avif", "avif", "image/avif")] {
            let fetched = try stack.thumbgen(["fetch", "--format", format, "--out-dir", folder.path("fetched"), Self.trickyKey])
            #expect(fetched.status == 0, "\(fetched.stderr)")
            let bytes = try #require(FileManager.default.contents(atPath: folder.path("fetched/My Cat+1 (2).\(ext)")), "\((try? folder.contents()) ?? [])")
            #expect(try ReferenceDecoder.decode(Array(bytes), as: type) == expected)
        }
        let trickyPath = "thumbnails/photos/My%20Cat%2B1%20%282%29.jpg"
        let negotiated: [(accept: String?, query: String, type: String)] = [
            ("image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8", "", "image/avif"), // Chrome
            ("image/webp,*/*", "", "image/webp"), // Firefox 65–92
            ("image/avif;q=0,image/webp", "", "image/webp"),
            ("*/*", "", "image/jpeg"),
            ("image/jpeg", "", "image/jpeg"),
            ("image/jpeg", "?format=avif", "image/avif"),
        ]
        for (accept, query, type) in negotiated {
            let what = "Accept \(accept ?? "-") \(query)"
            let answer = try stack.api("GET", trickyPath + query, accept: accept)
            #expect(answer.status == 302, "\(what): \(String(decoding: answer.body, as: UTF8.self))")
            // MiniStack 1.5.33 replaces an integration's Vary with its CORS `Vary: Origin` whenever it
            // adds Access-Control-Allow-Origin (services/apigateway.py, _cors_response_headers; not
            // with the default cors_origins = []), so the function's own Vary is also checked by
            // invoking it directly, below.
            let cors = answer.headers["access-control-allow-origin"] != nil
            #expect(answer.headers["vary"] == (cors ? "Origin" : "Accept"), "\(what): \(answer.headers)")
            let location = try #require(answer.headers["location"], "\(what)")
            let image = try stack.http.send(HTTPRequest(method: "GET", url: location))
            #expect(image.status == 200 && image.headers["content-type"] == type, "\(what): \(image.headers)")
            #expect(try ReferenceDecoder.decode(image.body, as: type) == expected, "\(what)")
        }
        let refused = try stack.api("GET", trickyPath, accept: "image/gif")
        #expect(refused.status == 406, "\(refused.status) \(refused.headers)")
        #expect(refused.headers["access-control-allow-origin"] != nil || refused.headers["vary"] == "Accept", "\(refused.headers)")
        // The deployed function's answers themselves (Lambda Invoke with the HTTP API event of
        // examples/events, as API Gateway sends it): Vary: Accept on the 302 and on the 406.
        for (accept, status, suffix) in [("image/webp,*/*", 302, ".jpg.webp"), ("image/gif", 406, "")] {
            var event = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: BinaryRunner.packageRoot.appendingPathComponent("examples/events/http-v2-get-thumbnail.json")))
                    as? [String: Any])
            event["headers"] = ["accept": accept]
            let invoked = try stack.http.send(
                HTTPRequest(
                    method: "POST", url: server.endpoint + "/2015-03-31/functions/tgstack/invocations",
                    body: .bytes(Array(try JSONSerialization.data(withJSONObject: event)))))
            let answer = try Self.json(invoked.body)
            let headers = answer["headers"] as? [String: String] ?? [:]
            #expect(answer["statusCode"] as? Int == status, "Accept \(accept): \(answer)")
            #expect(headers["Vary"] == "Accept", "Accept \(accept): \(answer)")
            #expect(suffix.isEmpty || headers["Location"]?.contains(suffix) == true, "Accept \(accept): \(answer)")
        }

        // 3. GET / is the page.
        let page = try stack.api("GET", "")
        #expect(page.status == 200)
        #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(String(decoding: page.body, as: UTF8.self).contains("<title>thumbgen"))

        // 4. POST /thumbnails: made once, fetched through its presigned URL.
        let posted = try stack.api(
            "POST", "thumbnails?key=posted%2Fa%20b.jpg", body: Array(try Data(contentsOf: URL(fileURLWithPath: photo))),
            contentType: "image/jpeg")
        #expect(posted.status == 201, "\(String(decoding: posted.body, as: UTF8.self))")
        let postedThumbnails = try #require(try Self.json(posted.body)["thumbnails"] as? [[String: Any]])
        let postedURL = try #require(postedThumbnails.first?["url"] as? String)
        let fetched = try stack.http.send(HTTPRequest(method: "GET", url: postedURL))
        #expect(fetched.status == 200 && fetched.body.count == postedThumbnails.first?["bytes"] as? Int)

        // 5. POST /uploads + presigned PUT + GET /thumbnails/{key} (302 once the trigger made it).
        let parrots = Array(try Data(contentsOf: BinaryRunner.example("parrots-alpha.png")))
        let upload = try Self.json(try stack.api("POST", "uploads?key=presigned%2Fbird%20one.png&contentType=image%2Fpng").body)
        let putURL = try #require(upload["url"] as? String)
        let put = try stack.http.send(HTTPRequest(method: "PUT", url: putURL, headers: [("Content-Type", "image/png")], body: .bytes(parrots)))
        #expect(put.status == 200, "\(String(decoding: put.body, as: UTF8.self))")
        // AVIF is stored last: wait for it, as a browser that asks for it would.
        var redirect: HTTPResponse?
        for _ in 0..<240 {
            let answer = try stack.api("GET", "thumbnails/presigned/bird%20one.png", accept: "image/avif")
            if answer.status == 302 { redirect = answer; break }
            #expect(answer.status == 404)
            Thread.sleep(forTimeInterval: 0.5)
        }
        let location = try #require(redirect?.headers["location"])
        let bird = try stack.http.send(HTTPRequest(method: "GET", url: location))
        #expect(bird.status == 200 && bird.headers["content-type"] == "image/avif")
        let birdSize = try ReferenceDecoder.decode(bird.body, as: "image/avif")
        #expect(max(birdSize.width, birdSize.height) == 256, "\(birdSize)")
        // Its JPEG (no PNG: `auto` is not among the formats) for a client that asks for nothing.
        let birdJPEG = try stack.api("GET", "thumbnails/presigned/bird%20one.png")
        let birdJPEGBytes = try stack.http.send(HTTPRequest(method: "GET", url: try #require(birdJPEG.headers["location"])))
        #expect(try ReferenceDecoder.decode(birdJPEGBytes.body, as: "image/jpeg") == birdSize)

        // 5b. The page in Chromium against the deployed API: two photos, a damaged file and a
        // PNG over the synchronous limit (presigned PUT, S3 trigger, polling); presigned URLs
        // point at the S3 endpoint, the only other origin allowed.
        if Self.browserAvailable {
            let damaged = folder.path("damaged.jpg")
            try Data(try Data(contentsOf: URL(fileURLWithPath: photo)).prefix(3000)).write(to: URL(fileURLWithPath: damaged))
            let browser = try DeployTestSupport.run(
                "/usr/bin/env",
                [
                    "python3", Self.browserScript.path, "--url", apiURL, "--image", photo,
                    "--image", BinaryRunner.example("parrots-alpha.png").path, "--corrupt", damaged,
                    "--large-png", folder.path("large-gradient.png"), "--screenshot", folder.path("deployed-page.png"),
                    "--chromium", Self.chromium, "--allow-origin", server.endpoint,
                ])
            #expect(browser.status == 0, "\(browser.error)\n\(browser.output.suffix(2000))")
        } else {
            Issue.record("Chromium and Playwright are needed for the page test (.ci/install-test-deps installs them)")
        }

        // 6. logs shows the upload's event; the posted original's event was skipped (work done once).
        var logged = ""
        for _ in 0..<20 where !(logged.contains("My Cat+1 (2).jpg") && logged.contains("posted/a b.jpg")) {
            logged = try stack.thumbgen(["logs", "--since", "30m"]).stdout
            Thread.sleep(forTimeInterval: 1)
        }
        #expect(logged.contains("My Cat+1 (2).jpg"), "\(logged.suffix(3000))")
        #expect(logged.contains("thumbnails were made when it was posted to /thumbnails"), "\(logged.suffix(3000))")

        // 7. logs --follow shows a new upload's event as it arrives.
        let followOutput = folder.path("follow.out")
        FileManager.default.createFile(atPath: followOutput, contents: nil)
        let follow = Process()
        follow.executableURL = BinaryRunner.binary
        follow.arguments = ["logs", "--follow", "--since", "1m", "--poll-interval", "1"]
        follow.currentDirectoryURL = folder.url
        follow.environment = environment
        follow.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: followOutput))
        follow.standardError = FileHandle.nullDevice
        follow.standardInput = FileHandle.nullDevice
        try follow.run()
        defer { if follow.isRunning { follow.interrupt() } }
        let later = try stack.thumbgen(["upload", "--key", "follow/new one.jpg", photo])
        #expect(later.status == 0, "\(later.stderr)")
        var seen = false
        for _ in 0..<120 where !seen {
            Thread.sleep(forTimeInterval: 0.5)
            seen = (try? String(contentsOfFile: followOutput, encoding: .utf8))?.contains("follow/new one.jpg") == true
        }
        #expect(seen, "logs --follow did not show the new upload's event")
        follow.interrupt()
        follow.waitUntilExit()
        #expect(follow.terminationStatus == 130)

        // 8. destroy with the data: nothing left.
        let destroyed = try stack.thumbgen(["deploy", "--destroy", "--delete-data", "--auto-approve"])
        #expect(destroyed.status == 0, "\(destroyed.stdout.suffix(3000))\(destroyed.stderr)")
        #expect(destroyed.stdout.contains("tgstack-originals-\(MiniStack.accountID)"), "\(destroyed.stdout)")
        #expect(!FileManager.default.fileExists(atPath: folder.path(".thumbgen/stack.json")))
        for bucket in [outputs["originals_bucket"], outputs["thumbnails_bucket"]].compactMap({ $0 }) {
            #expect(throws: AWSError.self) { try stack.s3.listObjects(bucket: bucket) }
        }
        let functions = try stack.http.send(HTTPRequest(method: "GET", url: server.endpoint + "/2015-03-31/functions"))
        #expect(!String(decoding: functions.body, as: UTF8.self).contains("\"tgstack\""))
    }
}
