import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Delivers finished RFC 5322 messages to an SMTP server, one connection per message.
public struct SMTPClient: Sendable {
    public let settings: SMTPSettings
    private let group: any EventLoopGroup
    private let logger: Logger

    public init(settings: SMTPSettings, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "slotline.smtp")) {
        self.settings = settings
        self.group = eventLoopGroup
        var logger = logger
        logger[metadataKey: "smtp.server"] = "\(settings.host):\(settings.port)"
        self.logger = logger
    }

    /// Sends `message` (headers and body, any line endings) from the bare address `sender` to each of
    /// `recipients`. An empty `sender` is the null reverse-path `<>`.
    public func send(from sender: String, to recipients: [String], message: String) async throws(SMTPError) {
        try await send(from: sender, to: recipients, message: Array(message.utf8))
    }

    public func send(from sender: String, to recipients: [String], message: [UInt8]) async throws(SMTPError) {
        try Self.checkEnvelope(sender: sender, recipients: recipients)
        do {
            var connection = try await SMTPConnection.connect(
                host: settings.host, port: settings.port,
                tls: settings.security == .implicitTLS ? try makeTLSContext() : nil,
                timeout: TimeAmount(settings.timeout), group: group, logger: logger)
            do {
                try await deliver(over: &connection, from: sender, to: recipients, message: message)
            } catch {
                // After a refusal the server still listens: end the session politely.
                if (error as? SMTPError)?.code == .rejected { _ = try? await connection.send("QUIT") }
                await connection.close()
                throw error
            }
            await connection.close()
            logger.info("message sent", metadata: ["smtp.recipients": "\(recipients.count)"])
        } catch {
            let error = Task.isCancelled ? SMTPError(CancellationError()) : SMTPError(error)
            logger.warning("message not sent", metadata: ["smtp.error": "\(error)"])
            throw error
        }
    }

    private func deliver(over connection: inout SMTPConnection, from sender: String, to recipients: [String],
                         message: [UInt8]) async throws {
        try expect(220, try await connection.reply(), after: "connect")
        var capabilities = try await hello(connection)
        switch settings.security {
        case .startTLS:
            guard capabilities.offers("STARTTLS") else {
                throw SMTPError(.startTLSUnavailable,
                                message: "the server does not offer STARTTLS, and tls=starttls forbids going on unencrypted"
                                    + (settings.credentials == nil ? "" : " (the credentials would travel in clear text)")
                                    + "; use tls=none only for a server on a trusted network",
                                isTransient: false)
            }
            try expect(220, try await connection.send("STARTTLS"), after: "STARTTLS")
            try await connection.startTLS(try makeTLSContext(), host: settings.host)
            capabilities = try await hello(connection)
        case .implicitTLS, .none:
            break
        }
        if let credentials = settings.credentials {
            guard connection.isEncrypted || settings.security == .none else {
                throw SMTPError(.authUnavailable, message: "refusing to send credentials over an unencrypted connection",
                                isTransient: false)
            }
            try await authenticate(connection, credentials, offered: capabilities.authMechanisms)
        }
        var mail = "MAIL FROM:<\(sender)>"
        if SMTPData.isEightBit(message) && capabilities.offers("8BITMIME") { mail += " BODY=8BITMIME" }
        if !([sender] + recipients).allSatisfy(\.isASCII) || SMTPData.hasEightBitHeaders(message) {
            guard capabilities.offers("SMTPUTF8") else {
                throw SMTPError(.smtpUTF8Unavailable, command: mail,
                                message: "the message needs SMTPUTF8 (non-ASCII addresses or headers), which the server does not offer",
                                isTransient: false)
            }
            mail += " SMTPUTF8"
        }
        try expect(250, try await connection.send(mail), after: mail)
        for recipient in recipients {
            let rcpt = "RCPT TO:<\(recipient)>"
            try expect([250, 251], try await connection.send(rcpt), after: rcpt)
        }
        try expect(354, try await connection.send("DATA"), after: "DATA")
        try expect(250, try await connection.send(data: SMTPData(message: message)), after: "DATA (end of message)")
        _ = try? await connection.send("QUIT")
    }

    /// EHLO, or HELO for a server that does not know EHLO.
    private func hello(_ connection: SMTPConnection) async throws -> SMTPCapabilities {
        let ehlo = try await connection.send("EHLO \(settings.clientName)")
        if ehlo.code == 250 { return SMTPCapabilities(ehlo: ehlo) }
        guard [500, 502].contains(ehlo.code) else { throw SMTPError.rejected(ehlo, command: "EHLO") }
        try expect(250, try await connection.send("HELO \(settings.clientName)"), after: "HELO")
        return SMTPCapabilities()
    }

    /// AUTH PLAIN when offered, else AUTH LOGIN (RFC 4954, 4616). The secrets never reach a log or an error.
    private func authenticate(_ connection: SMTPConnection, _ credentials: SMTPCredentials, offered: [String]) async throws {
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        if offered.contains("PLAIN") {
            let response = base64("\0\(credentials.username)\0\(credentials.password)")
            try expect(235, try await connection.send("AUTH PLAIN \(response)", shownAs: "AUTH PLAIN ***"), after: "AUTH PLAIN")
        } else if offered.contains("LOGIN") {
            try expect(334, try await connection.send("AUTH LOGIN"), after: "AUTH LOGIN")
            try expect(334, try await connection.send(base64(credentials.username), shownAs: "***"), after: "AUTH LOGIN")
            try expect(235, try await connection.send(base64(credentials.password), shownAs: "***"), after: "AUTH LOGIN")
        } else {
            throw SMTPError(.authUnavailable,
                            message: offered.isEmpty ? "the server does not offer AUTH"
                                : "the server offers AUTH \(offered.joined(separator: " ")), but only PLAIN and LOGIN are supported",
                            isTransient: false)
        }
    }

    private func expect(_ code: Int, _ reply: SMTPReply, after command: String) throws(SMTPError) {
        try expect([code], reply, after: command)
    }

    private func expect(_ codes: Set<Int>, _ reply: SMTPReply, after command: String) throws(SMTPError) {
        guard codes.contains(reply.code) else { throw SMTPError.rejected(reply, command: command) }
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let path = settings.trustRootsPEMPath { configuration.trustRoots = .file(path) }
        return try NIOSSLContext(configuration: configuration)
    }

    /// Addresses go inside `<…>` on a command line, so line breaks and angle brackets would forge commands.
    private static func checkEnvelope(sender: String, recipients: [String]) throws(SMTPError) {
        guard !recipients.isEmpty else {
            throw SMTPError(.invalidEnvelope, message: "a message needs at least one recipient", isTransient: false)
        }
        for address in [sender] + recipients {
            let forbidden = address.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "<" || $0 == ">" }
            guard !forbidden, address == sender || !address.isEmpty else {
                throw SMTPError(.invalidEnvelope, message: "not a usable address: \(address.debugDescription)", isTransient: false)
            }
        }
    }
}

extension String {
    fileprivate var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}
