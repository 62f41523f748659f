import NIOCore
import NIOPosix
import NIOSSL

/// Why a message was not delivered. `isTransient` tells a job to retry later (4xx replies, network
/// trouble, timeouts) or to park the message (5xx replies, configuration problems).
public struct SMTPError: Error, Equatable, Sendable {
    /// Stable codes; the raw value is what job logs and the API show, so never rename one.
    public enum Code: String, Sendable {
        case invalidEnvelope = "smtp_invalid_envelope"
        case connectionFailed = "smtp_connection_failed"
        case connectionClosed = "smtp_connection_closed"
        case timeout = "smtp_timeout"
        case tlsFailed = "smtp_tls_failed"
        case startTLSUnavailable = "smtp_starttls_unavailable"
        case authUnavailable = "smtp_auth_unavailable"
        case smtpUTF8Unavailable = "smtp_smtputf8_unavailable"
        case rejected = "smtp_rejected"
        case protocolViolation = "smtp_protocol_violation"
        case cancelled = "smtp_cancelled"
    }

    public var code: Code
    /// The command the failure belongs to, e.g. `RCPT TO:<a@example.com>` or `AUTH PLAIN` (never its credentials).
    public var command: String?
    /// The server's three-digit reply code, when the server answered.
    public var replyCode: Int?
    /// The server's reply text, or what went wrong on this side.
    public var message: String
    public var isTransient: Bool

    public init(_ code: Code, command: String? = nil, replyCode: Int? = nil, message: String, isTransient: Bool) {
        self.code = code
        self.command = command
        self.replyCode = replyCode
        self.message = message
        self.isTransient = isTransient
    }

    /// The server answered `reply` to `command` with something other than success.
    static func rejected(_ reply: SMTPReply, command: String) -> SMTPError {
        SMTPError(.rejected, command: command, replyCode: reply.code, message: reply.text,
                  isTransient: (400..<500).contains(reply.code))
    }

    static func protocolViolation(_ message: String) -> SMTPError {
        SMTPError(.protocolViolation, message: message, isTransient: true)
    }

    /// Classifies a failure from NIO, NIOSSL or the task, so callers see only `SMTPError`.
    init(_ error: any Error) {
        switch error {
        case let error as SMTPError:
            self = error
        case is CancellationError:
            self.init(.cancelled, message: "the delivery was cancelled", isTransient: true)
        case ChannelError.connectTimeout:
            self.init(.timeout, message: "timed out connecting", isTransient: true)
        case let error as NIOConnectionError:
            self.init(.connectionFailed, message: "could not connect: \(Self.describe(error))", isTransient: true)
        case NIOSSLError.uncleanShutdown:
            self.init(.connectionClosed, message: "the server closed the TLS connection uncleanly", isTransient: true)
        case is NIOSSLError, is NIOSSLExtraError, is BoringSSLError:
            // Certificate and handshake failures need someone to fix the setup; retrying will not help.
            self.init(.tlsFailed, message: "TLS failed: \(error)", isTransient: false)
        case let error as IOError:
            self.init(.connectionFailed, message: "connection failed: \(error.description)", isTransient: true)
        case let error as ChannelError:
            self.init(.connectionClosed, message: "connection lost: \(error)", isTransient: true)
        default:
            self.init(.connectionFailed, message: "\(error)", isTransient: true)
        }
    }

    private static func describe(_ error: NIOConnectionError) -> String {
        if let dns = error.dnsAAAAError ?? error.dnsAError, error.connectionErrors.isEmpty {
            return "cannot resolve \(error.host): \(dns)"
        }
        let attempts = error.connectionErrors.map { "\($0.target): \($0.error)" }
        return attempts.isEmpty ? "\(error.host):\(error.port)" : attempts.joined(separator: "; ")
    }
}

extension SMTPError: CustomStringConvertible {
    public var description: String {
        let during = command.map { " during \($0)" } ?? ""
        let reply = replyCode.map { "\($0) " } ?? ""
        return "\(code.rawValue)\(during): \(reply)\(message) (\(isTransient ? "transient" : "permanent"))"
    }
}
