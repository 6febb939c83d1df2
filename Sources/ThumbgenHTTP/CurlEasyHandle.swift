// The only Swift file that imports the libcurl shim.
import CThumbgenCurl
import Glibc

/// One libcurl easy handle, reused across requests (libcurl keeps its connections alive
/// between `curl_easy_perform` calls on the same handle; `curl_easy_reset` clears options
/// only). Used by one thread at a time: ``CurlHTTPClient`` hands each out from its pool.
final class CurlEasyHandle: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// Creates a handle, loading and initialising libcurl once per process (the binary does not
    /// link it: only commands that use the network pay for its ~30 libraries).
    ///
    /// - Throws: ``HTTPError`` with code `.other` when libcurl is not installed or cannot start:
    ///   `libcurl.so.4 is needed for network commands but could not be loaded (REASON); install libcurl4`.
    init() throws(HTTPError) {
        guard cthumbgen_curl_global_init() == CURLE_OK, let handle = cthumbgen_curl_easy_init() else {
            if let reason = cthumbgen_curl_load_error() {
                throw HTTPError(
                    code: .other, message: "\(CTHUMBGEN_CURL_SONAME) is needed for network commands but could not be loaded (\(String(cString: reason))); install libcurl4",
                    host: "")
            }
            throw HTTPError(code: .other, message: "libcurl failed to initialise", host: "")
        }
        self.handle = handle
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        cthumbgen_curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Performs `request` on this handle.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - caFile: The PEM CA bundle for CURLOPT_CAINFO, or nil for libcurl's default.
    /// - Returns: The response.
    /// - Throws: ``HTTPError`` when no complete response arrives.
    func perform(_ request: HTTPRequest, caFile: String?) throws(HTTPError) -> HTTPResponse {
        cthumbgen_curl_easy_reset(handle)
        let transfer = CurlTransfer(request: request, handle: handle)
        defer { transfer.close() }
        let host = request.host
        try transfer.openBody()

        var list: UnsafeMutablePointer<curl_slist>? = nil
        defer { cthumbgen_curl_slist_free_all(list) }
        var hasContentType = false
        for field in request.headers {
            if field.name.lowercased() == HTTPHeaderName.contentType.lowercased() { hasContentType = true }
            // "Name;" sends an empty value; "Name:" would delete the header (curl_easy_setopt(3), CURLOPT_HTTPHEADER).
            // CR and LF would end the field early and let a value inject headers (RFC 9110 section 5.5).
            let value = String(field.value.unicodeScalars.filter { $0 != "\r" && $0 != "\n" })
            let line = value.isEmpty ? "\(field.name);" : "\(field.name): \(value)"
            list = cthumbgen_curl_slist_append(list, line)
        }
        // libcurl adds `Expect: 100-continue` to uploads and a form Content-Type to POSTs; suppress both.
        list = cthumbgen_curl_slist_append(list, HTTPHeaderName.expect + ":")
        if !hasContentType { list = cthumbgen_curl_slist_append(list, HTTPHeaderName.contentType + ":") }

        let context = Unmanaged.passUnretained(transfer).toOpaque()
        var rc = cthumbgen_curl_set_defaults(handle, errorBuffer)
        if rc == CURLE_OK { rc = cthumbgen_curl_set_url(handle, request.url) }
        if rc == CURLE_OK { rc = cthumbgen_curl_set_method(handle, request.method, curl_off_t(transfer.bodySize ?? -1)) }
        if rc == CURLE_OK { rc = cthumbgen_curl_set_headers(handle, list) }
        if rc == CURLE_OK {
            rc = cthumbgen_curl_set_timeouts(
                handle, Self.milliseconds(request.connectTimeout), request.timeout.map(Self.milliseconds) ?? 0,
                request.lowSpeedTimeout == nil ? 0 : 1,
                request.lowSpeedTimeout.map { max(1, Self.milliseconds($0) / 1000) } ?? 0)
        }
        if rc == CURLE_OK { rc = cthumbgen_curl_set_ca_file(handle, caFile) }
        if rc == CURLE_OK {
            rc = cthumbgen_curl_set_callbacks(handle, context, curlRead, curlWrite, curlHeader, curlProgress)
        }
        if rc == CURLE_OK { rc = cthumbgen_curl_easy_perform(handle) }

        if let failure = transfer.failure { throw failure }
        guard rc == CURLE_OK else { throw Self.error(for: rc, detail: String(cString: errorBuffer), host: host) }
        return try transfer.finish(status: cthumbgen_curl_response_code(handle))
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let parts = duration.components
        return Int(parts.seconds) * 1000 + Int(parts.attoseconds / 1_000_000_000_000_000)
    }

    /// Maps a libcurl result to an ``HTTPError`` (codes from libcurl-errors(3)).
    private static func error(for rc: CURLcode, detail: String, host: String) -> HTTPError {
        let text = detail.isEmpty ? String(cString: cthumbgen_curl_easy_strerror(rc)) : detail
        let number = Int(rc.rawValue)
        switch rc {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            return HTTPError(code: .connect, message: "cannot connect to \(host): \(text)", host: host, curlCode: number)
        case CURLE_OPERATION_TIMEDOUT:
            return HTTPError(code: .timeout, message: "request to \(host) timed out: \(text)", host: host, curlCode: number)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return HTTPError(code: .tls, message: "TLS failure with \(host): \(text)", host: host, curlCode: number)
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return HTTPError(code: .reset, message: "connection to \(host) lost: \(text)", host: host, curlCode: number)
        default:
            return HTTPError(code: .other, message: "request to \(host) failed: \(text)", host: host, curlCode: number)
        }
    }
}

// MARK: - C callbacks (no captures; the transfer arrives as `userdata`)

private func transferFrom(_ userdata: UnsafeMutableRawPointer?) -> CurlTransfer? {
    userdata.map { Unmanaged<CurlTransfer>.fromOpaque($0).takeUnretainedValue() }
}

private let curlRead: cthumbgen_curl_read_fn = { buffer, size, count, userdata in
    guard let transfer = transferFrom(userdata), let buffer else { return Int(CURL_READFUNC_ABORT) }
    return transfer.read(into: UnsafeMutableRawPointer(buffer), capacity: size * count) ?? Int(CURL_READFUNC_ABORT)
}

private let curlWrite: cthumbgen_curl_write_fn = { data, size, count, userdata in
    guard let transfer = transferFrom(userdata), let data else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
    return transfer.receive(bytes, status: cthumbgen_curl_response_code(transfer.handle)) ? size * count : 0
}

private let curlHeader: cthumbgen_curl_header_fn = { data, size, count, userdata in
    guard let transfer = transferFrom(userdata), let data else { return 0 }
    transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
}

private let curlProgress: cthumbgen_curl_progress_fn = { userdata, downloadTotal, downloaded, uploadTotal, uploaded in
    guard let transfer = transferFrom(userdata) else { return 1 }
    transfer.request.progress?(
        HTTPProgress(
            bytesSent: Int64(uploaded), totalBytesToSend: Int64(uploadTotal),
            bytesReceived: Int64(downloaded), totalBytesToReceive: Int64(downloadTotal)))
    return 0
}
