import Foundation
@testable import SlotlineNotify
import Testing

/// Delivery through real SMTP servers (scripts/smtp-sink via scripts/with-smtp), read back from their spool.
@Suite struct SMTPClientTests {
    static let sender = "bookings@example.com"

    @Test(.enabled(if: SMTPTestServer.enabled), arguments: SMTPTestServer.Flavor.allCases)
    func deliversTheMessageUnchanged(through flavor: SMTPTestServer.Flavor) async throws {
        let server = try SMTPTestServer.running()
        let message = SampleMessage(recipient: SMTPTestServer.uniqueRecipient())

        try await SMTPClient(settings: server.settings(flavor)).send(from: Self.sender, to: [message.recipient], message: message.text)

        let spooled = try #require(try server.messages(to: message.recipient).first)
        #expect(spooled.eml == message.expectedOnTheWire)
        #expect(message.decodedSubject(in: spooled.eml) == SampleMessage.subject)
        #expect(spooled.envelope.server == flavor.rawValue)
        #expect(spooled.envelope.mailFrom == Self.sender)
        #expect(spooled.envelope.rcptTos == [message.recipient])
        #expect(spooled.envelope.tls == (flavor != .plain))
        #expect(spooled.envelope.authUser == server.user)
        // The implicit server offers only LOGIN; the others offer PLAIN, which is preferred.
        #expect(spooled.envelope.authMechanism == (flavor == .implicit ? "LOGIN" : "PLAIN"))
        #expect(spooled.envelope.mailOptions.contains("BODY=8BITMIME"))
        #expect(!spooled.envelope.mailOptions.contains("SMTPUTF8"))
    }

    @Test(.enabled(if: SMTPTestServer.enabled))
    func verifiesTheCertificateByHostName() async throws {
        let server = try SMTPTestServer.running()
        let message = SampleMessage(recipient: SMTPTestServer.uniqueRecipient())

        try await SMTPClient(settings: server.settings(.implicit, host: "localhost"))
            .send(from: Self.sender, to: [message.recipient], message: message.text)

        #expect(try server.messages(to: message.recipient).count == 1)
    }

    @Test(.enabled(if: SMTPTestServer.enabled))
    func wrongPasswordIsPermanent() async throws {
        let server = try SMTPTestServer.running()
        let recipient = SMTPTestServer.uniqueRecipient()

        let error = await sendingFails(try server.settings(.starttls, password: "wrong-password"), to: [recipient])

        #expect(error?.code == .rejected)
        #expect(error?.replyCode == 535)
        #expect(error?.isTransient == false)
        #expect(error?.command == "AUTH PLAIN")
        #expect(try server.messages(to: recipient).isEmpty)
    }

    @Test(.enabled(if: SMTPTestServer.enabled), arguments: [("fail-4xx", 451, true), ("fail-5xx", 550, false)])
    func rejectedRecipientStopsTheMessage(recipient local: String, replyCode: Int, isTransient: Bool) async throws {
        let server = try SMTPTestServer.running()
        let accepted = SMTPTestServer.uniqueRecipient()

        let error = await sendingFails(try server.settings(.plain), to: [accepted, "\(local)@example.com"])

        #expect(error?.code == .rejected)
        #expect(error?.replyCode == replyCode)
        #expect(error?.isTransient == isTransient)
        #expect(error?.command == "RCPT TO:<\(local)@example.com>")
        #expect(try server.messages(to: accepted).isEmpty)
    }

    @Test(.enabled(if: SMTPTestServer.enabled))
    func refusesToGoOnWhenStartTLSIsNotOffered() async throws {
        let server = try SMTPTestServer.running()
        let recipient = SMTPTestServer.uniqueRecipient()

        let error = await sendingFails(try server.settings(.plain, tls: .startTLS), to: [recipient])

        #expect(error?.code == .startTLSUnavailable)
        #expect(error?.isTransient == false)
        #expect(error.map { "\($0)".contains(server.password) } == false)
        #expect(try server.messages(to: recipient).isEmpty)
    }

    @Test(.enabled(if: SMTPTestServer.enabled))
    func untrustedCertificateIsPermanent() async throws {
        let server = try SMTPTestServer.running()

        let error = await sendingFails(try server.settings(.implicit, trustingCA: false), to: [SMTPTestServer.uniqueRecipient()])

        #expect(error?.code == .tlsFailed)
        #expect(error?.isTransient == false)
    }

    @Test(.enabled(if: SMTPTestServer.enabled))
    func nonASCIIAddressNeedsSMTPUTF8() async throws {
        let server = try SMTPTestServer.running()
        let recipient = SMTPTestServer.uniqueRecipient("预约")
        let message = SampleMessage(recipient: recipient)

        let refused = await sendingFails(try server.settings(.plain), to: [recipient])
        try await SMTPClient(settings: server.settings(.starttls)).send(from: Self.sender, to: [recipient], message: message.text)

        #expect(refused?.code == .smtpUTF8Unavailable)
        #expect(refused?.isTransient == false)
        let spooled = try #require(try server.messages(to: recipient).first)
        #expect(spooled.envelope.mailOptions.contains("SMTPUTF8"))
        #expect(spooled.eml == message.expectedOnTheWire)
    }

    @Test func nothingListeningIsTransient() async throws {
        let listener = try SilentListener()
        let port = listener.port
        listener.close()

        let error = await sendingFails(SMTPSettings(host: "127.0.0.1", port: port, security: .none), to: ["a@example.com"])

        #expect(error?.code == .connectionFailed)
        #expect(error?.isTransient == true)
    }

    @Test func silentServerTimesOut() async throws {
        let listener = try SilentListener()
        defer { listener.close() }

        let error = await sendingFails(SMTPSettings(host: "127.0.0.1", port: listener.port, security: .none, timeout: .milliseconds(300)),
                                       to: ["a@example.com"])

        #expect(error?.code == .timeout)
        #expect(error?.isTransient == true)
    }

    @Test func cancellingEndsTheWaitAtOnce() async throws {
        let listener = try SilentListener()
        defer { listener.close() }
        // A timeout far longer than the bound below: a wait that ignored the cancellation would last
        // it out, while a loaded machine (the whole suite runs in parallel) still ends well inside the bound.
        let settings = SMTPSettings(host: "127.0.0.1", port: listener.port, security: .none, timeout: .seconds(120))
        let clock = ContinuousClock()
        let started = clock.now

        let sending = Task { await sendingFails(settings, to: ["a@example.com"]) }
        try await Task.sleep(for: .milliseconds(200))
        sending.cancel()
        let error = await sending.value

        #expect(error?.code == .cancelled)
        #expect(error?.isTransient == true)
        #expect(clock.now - started < .seconds(60))
    }

    @Test func addressesThatWouldForgeCommandsAreRefused() async throws {
        let settings = SMTPSettings(host: "127.0.0.1", port: 1, security: .none)

        let injected = await sendingFails(settings, to: ["a@example.com>\r\nRCPT TO:<b@example.com"])
        let none = await sendingFails(settings, to: [])

        #expect(injected?.code == .invalidEnvelope)
        #expect(none?.code == .invalidEnvelope)
    }

    @Test(arguments: [
        ("Line\n.dot\n..two\n.\nend", "Line\r\n..dot\r\n...two\r\n..\r\nend\r\n.\r\n"),
        (".first\r\nsecond\r\n", "..first\r\nsecond\r\n.\r\n"),
        ("bare\rcarriage\r\n\r\nblank", "bare\r\ncarriage\r\n\r\nblank\r\n.\r\n"),
        ("not.at.start .x", "not.at.start .x\r\n.\r\n"),
        ("", ".\r\n"),
    ])
    func dataSectionIsCRLFAndDotStuffed(message: String, wire: String) {
        #expect(SMTPData(message: Array(message.utf8)).bytes == Array(wire.utf8))
    }

    /// Sends a sample message and returns the error it failed with, or nil when it was sent.
    private func sendingFails(_ settings: SMTPSettings, to recipients: [String]) async -> SMTPError? {
        do {
            try await SMTPClient(settings: settings)
                .send(from: Self.sender, to: recipients, message: SampleMessage(recipient: recipients.first ?? "").text)
            return nil
        } catch {
            return error
        }
    }
}

/// A message as the mail builder hands it over, but with bare LF line endings, lines that start with
/// dots, an RFC 2047 subject and an 8-bit body: everything SMTP could damage.
struct SampleMessage {
    static let subject = "预约已确认：周二 10:00"

    let recipient: String
    let messageID = "<\(UUID().uuidString)@example.com>"

    var lines: [String] {
        [
            "From: Slotline <\(SMTPClientTests.sender)>",
            "To: \(recipient)",
            "Subject: =?UTF-8?B?\(Data(Self.subject.utf8).base64EncodedString())?=",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            "Your booking is confirmed: 周二 10:00.",
            ".a line that starts with a dot",
            ".",
            "..",
            "The end.",
        ]
    }

    var text: String { lines.joined(separator: "\n") }

    /// What a server stores: CRLF line endings, a final CRLF, dot-stuffing undone.
    var expectedOnTheWire: [UInt8] { Array((lines.joined(separator: "\r\n") + "\r\n").utf8) }

    func decodedSubject(in eml: [UInt8]) -> String? {
        let header = String(decoding: eml, as: UTF8.self).components(separatedBy: "\r\n").first { $0.hasPrefix("Subject: ") }
        guard let word = header?.dropFirst("Subject: =?UTF-8?B?".count).dropLast("?=".count),
              let bytes = Data(base64Encoded: String(word)) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
