import NIOCore

/// Splits what the server sends into replies and hands each to the one waiting for it; a reply
/// that does not come within the timeout fails the wait and closes the connection.
final class SMTPReplyReader: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    /// RFC 5321 allows 512 bytes per reply line; this leaves room for servers that exceed it.
    private static let maxLineLength = 4096
    private static let maxLinesPerReply = 256

    private var context: ChannelHandlerContext?
    private var received = ByteBuffer()
    private var pendingLines: [String] = []
    private var pendingCode: Int?
    private var replies = CircularBuffer<SMTPReply>()
    private var waiter: (promise: EventLoopPromise<SMTPReply>, timeout: Scheduled<Void>)?
    private var failure: SMTPError?

    /// Whether bytes arrived that nobody asked for yet; after `220` to STARTTLS that would be an injection.
    var hasUnreadInput: Bool {
        received.readableBytes > 0 || !pendingLines.isEmpty || !replies.isEmpty
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    /// The next reply, or the failure that ended the connection. One waiter at a time: SMTP here is not pipelined.
    func nextReply(timeout: TimeAmount, eventLoop: any EventLoop) -> EventLoopFuture<SMTPReply> {
        precondition(waiter == nil, "SMTP replies are awaited one at a time")
        if let reply = replies.popFirst() { return eventLoop.makeSucceededFuture(reply) }
        if let failure { return eventLoop.makeFailedFuture(failure) }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        let scheduled = eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.fail(SMTPError(.timeout, message: "no reply within \(timeout.nanoseconds / 1_000_000) ms", isTransient: true))
        }
        waiter = (promise, scheduled)
        return promise.futureResult
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        received.writeBuffer(&bytes)
        do {
            while let line = try nextLine() { try read(line) }
            received.discardReadBytes()
        } catch {
            fail(error)
        }
        deliver()
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPError(.connectionClosed, message: "the server closed the connection", isTransient: true))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(SMTPError(error))
    }

    private func nextLine() throws(SMTPError) -> String? {
        guard let newline = received.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            guard received.readableBytes <= Self.maxLineLength else { throw .protocolViolation("reply line too long") }
            return nil
        }
        let length = newline - received.readerIndex
        var line = received.readString(length: length)!
        received.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }

    /// `250-first line`, `250-…`, `250 last line`: a dash continues the reply, a space or nothing ends it.
    private func read(_ line: String) throws(SMTPError) {
        let utf8 = Array(line.utf8)
        guard utf8.count >= 3, utf8[0...2].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let code = Int(String(decoding: utf8[0...2], as: UTF8.self)), (200...599).contains(code)
        else { throw .protocolViolation("not an SMTP reply: \(line.prefix(80))") }
        let separator = utf8.count > 3 ? utf8[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw .protocolViolation("not an SMTP reply: \(line.prefix(80))")
        }
        guard pendingCode == nil || pendingCode == code else { throw .protocolViolation("reply code changed within a reply") }
        guard pendingLines.count < Self.maxLinesPerReply else { throw .protocolViolation("reply has too many lines") }
        pendingCode = code
        pendingLines.append(utf8.count > 4 ? String(decoding: utf8[4...], as: UTF8.self) : "")
        if separator == UInt8(ascii: " ") {
            replies.append(SMTPReply(code: code, lines: pendingLines))
            pendingLines = []
            pendingCode = nil
        }
    }

    private func deliver() {
        guard let waiter, let reply = replies.popFirst() else { return }
        self.waiter = nil
        waiter.timeout.cancel()
        waiter.promise.succeed(reply)
    }

    /// The first failure ends the connection: later waits see it at once.
    private func fail(_ error: any Error) {
        if failure == nil { failure = SMTPError(error) }
        if let waiter {
            self.waiter = nil
            waiter.timeout.cancel()
            waiter.promise.fail(failure!)
        }
        context?.close(promise: nil)
    }
}

@available(*, unavailable)
extension SMTPReplyReader: Sendable {}
