import Glibc

/// The state of one request in flight on a ``CurlEasyHandle``: the body source, the
/// response sink and the received headers. libcurl's callbacks reach it through `userdata`.
final class CurlTransfer {
    let request: HTTPRequest
    let handle: UnsafeMutableRawPointer
    /// The first error raised inside a callback; it wins over libcurl's generic abort code.
    private(set) var failure: HTTPError?
    /// Request body size in bytes; nil for no body.
    private(set) var bodySize: Int64?

    private var bodyBytes: [UInt8] = []
    private var bodyPosition = 0
    private var inputFD: Int32 = -1
    private var inputOffset: Int64 = 0
    private var inputRemaining: Int64 = 0

    private var headers = HTTPHeaders()
    private var memoryBody: [UInt8] = []
    private var outputFD: Int32 = -1
    private var sinkChosen = false

    init(request: HTTPRequest, handle: UnsafeMutableRawPointer) {
        self.request = request
        self.handle = handle
    }

    /// Opens the body source and learns its size.
    ///
    /// - Throws: ``HTTPError`` `.file` naming the file when it cannot be opened or is too short.
    func openBody() throws(HTTPError) {
        switch request.body {
        case .none:
            bodySize = (request.method == "PUT" || request.method == "POST") ? 0 : nil
        case .bytes(let bytes):
            bodyBytes = bytes
            bodySize = Int64(bytes.count)
        case .file(let path, let offset, let length):
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw fileError("cannot open request body file \(path)") }
            inputFD = fd
            var info = stat()
            guard fstat(fd, &info) == 0 else { throw fileError("cannot stat request body file \(path)") }
            let available = Int64(info.st_size) - offset
            let wanted = length ?? available
            guard offset >= 0, wanted >= 0, wanted <= available else {
                throw HTTPError(code: .file, message: "request body file \(path) is shorter than offset \(offset) + length \(wanted) bytes", host: request.host)
            }
            inputOffset = offset
            inputRemaining = wanted
            bodySize = wanted
        }
    }

    /// Copies up to `capacity` body bytes into `buffer`; nil after a read error.
    func read(into buffer: UnsafeMutableRawPointer, capacity: Int) -> Int? {
        if inputFD >= 0 {
            let count = Int(min(Int64(capacity), inputRemaining))
            guard count > 0 else { return 0 }
            let got = pread(inputFD, buffer, count, off_t(inputOffset))
            guard got > 0 else {
                failure = fileError("cannot read request body file")
                return nil
            }
            inputOffset += Int64(got)
            inputRemaining -= Int64(got)
            return got
        }
        let count = min(capacity, bodyBytes.count - bodyPosition)
        guard count > 0 else { return 0 }
        bodyBytes.withUnsafeBytes { source in
            UnsafeMutableRawBufferPointer(start: buffer, count: count)
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: source[bodyPosition..<(bodyPosition + count)]))
        }
        bodyPosition += count
        return count
    }

    /// Stores response bytes: into the destination file for a 2xx status, otherwise in memory.
    /// Returns false (aborting the transfer) when the file cannot be written.
    func receive(_ bytes: UnsafeRawBufferPointer, status: Int) -> Bool {
        if !sinkChosen {
            sinkChosen = true
            if case .file(let path) = request.responseDestination, (200...299).contains(status) {
                guard openOutput(path) else { return false }
            }
        }
        guard outputFD >= 0, let base = bytes.baseAddress else {
            memoryBody.append(contentsOf: bytes)
            return true
        }
        var written = 0
        while written < bytes.count {
            let n = write(outputFD, base + written, bytes.count - written)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                failure = fileError("cannot write response body file")
                return false
            }
            written += n
        }
        return true
    }

    /// Parses one header line; a new status line (after `100 Continue` or a redirect) starts over.
    func receiveHeaderLine(_ raw: UnsafeRawBufferPointer) {
        var bytes = raw[...]
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes = bytes.dropLast() }
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers = HTTPHeaders()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = String(line[..<colon])
        let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
        headers.append(name: name, value: String(value.reversed().drop { $0 == " " || $0 == "\t" }.reversed()))
    }

    /// Builds the response after a successful perform; an empty 2xx body bound for a file
    /// still creates the (empty) file.
    func finish(status: Int) throws(HTTPError) -> HTTPResponse {
        var bodyFile: String?
        if case .file(let path) = request.responseDestination, (200...299).contains(status) {
            if outputFD < 0 && !openOutput(path) { throw failure ?? fileError("cannot create \(path)") }
            bodyFile = path
        }
        close()
        return HTTPResponse(status: status, headers: headers, body: memoryBody, bodyFile: bodyFile)
    }

    /// Closes any open file descriptors (idempotent).
    func close() {
        if inputFD >= 0 { Glibc.close(inputFD); inputFD = -1 }
        if outputFD >= 0 { Glibc.close(outputFD); outputFD = -1 }
    }

    private func openOutput(_ path: String) -> Bool {
        outputFD = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if outputFD < 0 { failure = fileError("cannot create response body file \(path)") }
        return outputFD >= 0
    }

    private func fileError(_ text: String) -> HTTPError {
        let reason = String(cString: strerror(errno))
        return HTTPError(code: .file, message: "\(text): \(reason)", host: request.host)
    }
}
