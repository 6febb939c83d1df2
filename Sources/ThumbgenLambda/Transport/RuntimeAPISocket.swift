#if canImport(Glibc)
import Glibc
#endif

/// One TCP connection with a receive buffer: connect with a timeout, send everything, read
/// lines and exact byte counts, each wait bounded by a stall timeout or unbounded (the
/// long poll of `next`). Non-blocking descriptor driven by `poll(2)`; `send` with
/// `MSG_NOSIGNAL`, so a closed peer is an error, never a `SIGPIPE`. Used by one thread at a
/// time (``RuntimeAPIConnection`` holds its lock across an exchange).
final class RuntimeAPISocket {
    /// Why an operation failed, before it is worded for the user by ``RuntimeAPIConnection``.
    struct Failure: Error {
        enum Kind { case connect, timeout, closed, malformed, tooLarge }
        var kind: Kind
        /// What happened, e.g. `Connection refused`, `peer closed the connection`.
        var detail: String
    }

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// Index of the first unread byte in `buffer`.
    private var readIndex = 0
    /// Bytes received over this connection's life (0: the peer never answered anything).
    private(set) var receivedBytes = 0
    /// How long one `poll` may wait for progress; nil waits forever.
    var stallTimeout: Duration?

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Connects to `host:port`, trying each address `getaddrinfo` returns.
    ///
    /// - Parameters:
    ///   - host: A name or numeric address (IPv4 or IPv6, no brackets).
    ///   - port: The TCP port.
    ///   - timeout: The longest wait for each address to accept.
    /// - Returns: The connected socket, with `TCP_NODELAY` set (a request head and its body
    ///   may go in two writes; Nagle's algorithm would hold the second for a delayed ACK).
    /// - Throws: ``Failure`` `.connect` with the resolver's or the kernel's reason.
    static func connect(host: String, port: UInt16, timeout: Duration) throws(Failure) -> RuntimeAPISocket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &list)
        guard resolved == 0 else { throw Failure(kind: .connect, detail: String(cString: gai_strerror(resolved))) }
        defer { freeaddrinfo(list) }
        var reason = "no address"
        var entry = list
        while let info = entry?.pointee {
            entry = info.ai_next
            let fd = socket(info.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            guard fd >= 0 else {
                reason = String(cString: strerror(errno))
                continue
            }
            let socket = RuntimeAPISocket(descriptor: fd) // closes fd if this address fails
            var code: Int32 = Glibc.connect(fd, info.ai_addr, info.ai_addrlen) == 0 ? 0 : errno
            if code == EINPROGRESS {
                socket.stallTimeout = timeout
                do throws(Failure) {
                    try socket.wait(for: Int16(POLLOUT))
                } catch {
                    reason = error.kind == .timeout ? "no answer within \(timeout)" : error.detail
                    continue
                }
                var length = socklen_t(MemoryLayout<Int32>.size)
                if getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) != 0 { code = errno }
            }
            guard code == 0 else {
                reason = String(cString: strerror(code))
                continue
            }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            socket.stallTimeout = nil
            return socket
        }
        throw Failure(kind: .connect, detail: reason)
    }

    /// Sends every byte of `bytes`.
    ///
    /// - Throws: ``Failure`` `.closed` when the peer reset or closed, `.timeout` after a stall.
    func send(_ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written >= 0 {
                offset += written
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                try wait(for: Int16(POLLOUT))
            } else if errno != EINTR {
                throw Failure(kind: .closed, detail: String(cString: strerror(errno)))
            }
        }
    }

    /// Reads one line ending in LF (a CR before it is dropped; RFC 9112 section 2.2 lets a
    /// recipient accept a bare LF).
    ///
    /// - Parameter limit: The most bytes the line may take, terminator included.
    /// - Returns: The line without its terminator.
    /// - Throws: ``Failure`` `.tooLarge` past `limit`, `.closed` at end of stream, `.timeout`.
    func readLine(limit: Int) throws(Failure) -> ArraySlice<UInt8> {
        var scanned = 0 // bytes after readIndex known to hold no LF (fill may move readIndex)
        while true {
            if let newline = buffer[(readIndex + scanned)...].firstIndex(of: UInt8(ascii: "\n")) {
                guard newline - readIndex < limit else { throw Failure(kind: .tooLarge, detail: "a line over \(limit) bytes") }
                var end = newline
                if end > readIndex && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = buffer[readIndex..<end]
                readIndex = newline + 1
                return line
            }
            scanned = buffer.count - readIndex
            guard scanned < limit else { throw Failure(kind: .tooLarge, detail: "a line over \(limit) bytes") }
            try fill()
        }
    }

    /// Reads exactly `count` bytes.
    ///
    /// - Throws: ``Failure`` `.closed` when the stream ends first, `.timeout`.
    func read(exactly count: Int) throws(Failure) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            if readIndex == buffer.count { try fill() }
            let take = min(count - out.count, buffer.count - readIndex)
            out.append(contentsOf: buffer[readIndex..<(readIndex + take)])
            readIndex += take
        }
        return out
    }

    /// Reads until the peer closes (a response framed by the end of the connection).
    ///
    /// - Parameter limit: The most bytes accepted.
    /// - Throws: ``Failure`` `.tooLarge` past `limit`, `.timeout`.
    func readToEnd(limit: Int) throws(Failure) -> [UInt8] {
        while true {
            guard buffer.count - readIndex <= limit else { throw Failure(kind: .tooLarge, detail: "a body over \(limit) bytes") }
            do throws(Failure) {
                try fill()
            } catch {
                guard error.kind == .closed else { throw error }
                let out = Array(buffer[readIndex...])
                readIndex = buffer.count
                return out
            }
        }
    }

    /// Appends at least one received byte to the buffer (dropping what was already read).
    private func fill() throws(Failure) {
        if readIndex > 0 && readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        } else if readIndex >= 65_536 {
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
        let chunk = 65_536
        while true {
            let start = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: chunk))
            let received = buffer.withUnsafeMutableBytes { raw in recv(descriptor, raw.baseAddress! + start, chunk, 0) }
            let code = errno
            buffer.removeLast(chunk - max(received, 0))
            if received > 0 {
                receivedBytes += received
                return
            }
            if received == 0 { throw Failure(kind: .closed, detail: "the peer closed the connection") }
            if code == EAGAIN || code == EWOULDBLOCK {
                try wait(for: Int16(POLLIN))
            } else if code != EINTR {
                throw Failure(kind: .closed, detail: String(cString: strerror(code)))
            }
        }
    }

    /// Waits until the descriptor is ready for `events`, at most ``stallTimeout``.
    private func wait(for events: Int16) throws(Failure) {
        let milliseconds: Int32
        if let stallTimeout {
            let (seconds, attoseconds) = stallTimeout.components
            milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        } else {
            milliseconds = -1
        }
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        while true {
            let ready = poll(&entry, 1, milliseconds)
            if ready > 0 { return } // readable, writable, or an error/hang-up the next call reports
            if ready == 0 { throw Failure(kind: .timeout, detail: "no progress for \(stallTimeout ?? .zero)") }
            if errno != EINTR { throw Failure(kind: .closed, detail: String(cString: strerror(errno))) }
        }
    }
}
