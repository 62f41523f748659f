import Foundation

/// The SMTP servers `scripts/with-smtp` started (`scripts/smtp-sink`), read from the JSON file
/// SLOTLINE_TEST_SMTP names: host, a port per server (`plain`, `starttls`, `implicit`), the CA the
/// TLS servers' certificate chains to, the spool directory and the credentials.
public struct SMTPSinkInfo: Decodable, Sendable {
    public var host: String
    public var ports: [String: Int]
    public var caPath: String
    public var spool: String
    public var user: String
    public var password: String

    public static let infoPath: String? = TestEnvironment.value("SLOTLINE_TEST_SMTP")

    /// With a sink the tests run; under CI they run without one too, so that they fail rather than vanish.
    public static var enabled: Bool { infoPath != nil || TestEnvironment.onCI }

    public static func running() throws -> SMTPSinkInfo {
        guard let path = infoPath else {
            throw TestSupportError("SLOTLINE_TEST_SMTP is unset: run the SMTP tests through scripts/test (scripts/with-smtp)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(SMTPSinkInfo.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// What the sink wrote for one message: the bytes it received and the envelope around them.
    public struct Spooled: Sendable {
        public struct Envelope: Decodable, Sendable {
            public var server: String
            public var tls: Bool
            public var mailFrom: String
            public var mailOptions: [String]
            public var rcptTos: [String]
            public var authUser: String?
            public var authMechanism: String?
        }

        public var eml: [UInt8]
        public var envelope: Envelope
    }

    /// The messages the sink accepted for `recipient`; tests give each message its own recipient.
    public func messages(to recipient: String) throws -> [Spooled] {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let directory = URL(fileURLWithPath: spool)
        return try FileManager.default.contentsOfDirectory(atPath: spool).filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
            let envelope = try decoder.decode(Spooled.Envelope.self, from: Data(contentsOf: directory.appendingPathComponent(name)))
            guard envelope.rcptTos.contains(recipient) else { return nil }
            let eml = try Data(contentsOf: directory.appendingPathComponent(name.replacingOccurrences(of: ".json", with: ".eml")))
            return Spooled(eml: Array(eml), envelope: envelope)
        }
    }

    /// An address no other test uses, so each test finds its own messages in the shared spool.
    public static func uniqueRecipient(_ prefix: String = "guest") -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())@example.com"
    }
}
