import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// One TCP connection to an SMTP server: send a command line, await its reply, switch to TLS.
struct SMTPConnection: Sendable {
    private let channel: any Channel
    private let reader: NIOLoopBound<SMTPReplyReader>
    private let timeout: TimeAmount
    private let logger: Logger
    /// Whether the bytes on the wire are encrypted, from the first byte or after STARTTLS.
    private(set) var isEncrypted: Bool

    /// Connects; with `tls`, the connection speaks TLS from the first byte (implicit TLS).
    static func connect(host: String, port: Int, tls: NIOSSLContext?, timeout: TimeAmount,
                        group: any EventLoopGroup, logger: Logger) async throws -> SMTPConnection {
        let serverName = Self.serverName(host)
        let (channel, reader) = try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    let reader = SMTPReplyReader()
                    try channel.pipeline.syncOperations.addHandler(reader)
                    return (channel, NIOLoopBound(reader, eventLoop: channel.eventLoop))
                }
            }
        return SMTPConnection(channel: channel, reader: reader, timeout: timeout, logger: logger, isEncrypted: tls != nil)
    }

    /// SNI and certificate names are host names; for an IP address NIOSSL checks the certificate against the peer address.
    private static func serverName(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    /// The next reply, within the timeout.
    func reply() async throws -> SMTPReply {
        // Cancelled (say, at shutdown), the connection closes, which ends the wait at once.
        let reply = try await withTaskCancellationHandler {
            try await channel.eventLoop.flatSubmit { [reader, timeout, channel] in
                reader.value.nextReply(timeout: timeout, eventLoop: channel.eventLoop)
            }.get()
        } onCancel: { [channel] in
            channel.close(promise: nil)
        }
        logger.trace("S: \(reply.code)")
        return reply
    }

    /// Sends one command line and awaits its reply. `shownAs` replaces the line in logs and errors (AUTH data).
    func send(_ line: String, shownAs shown: String? = nil) async throws -> SMTPReply {
        logger.debug("C: \(shown ?? line)")
        // Not awaited: a server that stops reading is caught by the reply timeout instead.
        channel.writeAndFlush(ByteBuffer(string: line + "\r\n"), promise: nil)
        return try await reply()
    }

    /// Sends the DATA section and awaits the reply to the final dot.
    func send(data: SMTPData) async throws -> SMTPReply {
        logger.debug("C: <\(data.bytes.count) bytes of data>")
        channel.writeAndFlush(ByteBuffer(bytes: data.bytes), promise: nil)
        return try await reply()
    }

    /// Puts TLS under the conversation after the server's `220` to STARTTLS.
    mutating func startTLS(_ tls: NIOSSLContext, host: String) async throws {
        let serverName = Self.serverName(host)
        try await channel.eventLoop.submit { [reader, channel] in
            // Anything sent before the handshake is unauthenticated and would be read as if it came over TLS.
            guard !reader.value.hasUnreadInput else {
                throw SMTPError.protocolViolation("the server sent data after agreeing to STARTTLS")
            }
            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName),
                                                           position: .first)
        }.get()
        isEncrypted = true
    }

    func close() async {
        try? await channel.close()
    }
}
