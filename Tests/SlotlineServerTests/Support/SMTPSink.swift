import Foundation
import SlotlineNotify
import Testing

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The SMTP servers scripts/with-smtp started (scripts/smtp-sink), read from the JSON file
/// SLOTLINE_TEST_SMTP names. The Notify tests read the same file with their own `SMTPTestServer`,
/// which this target cannot import.
struct SMTPSink: Decodable, Sendable {
    var host: String
    var ports: [String: Int]
    var caPath: String
    var spool: String
    var user: String
    var password: String

    static let infoPath: String? = {
        let value = ProcessInfo.processInfo.environment["SLOTLINE_TEST_SMTP"] ?? ""
        return value.isEmpty ? nil : value
    }()

    /// With a sink the tests run; under CI they run without one too, so that they fail rather than vanish.
    static var enabled: Bool { infoPath != nil || PythonReader.onCI }

    static func running() throws -> SMTPSink {
        let path = try #require(infoPath, "SLOTLINE_TEST_SMTP is unset: run the SMTP tests through scripts/with-smtp")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(SMTPSink.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The sink's STARTTLS server with its credentials, trusting its CA: what a real installation uses.
    func settings() throws -> SMTPSettings {
        let port = try #require(ports["starttls"], "smtp-sink has no starttls server")
        return SMTPSettings(host: host, port: port, security: .startTLS,
                            credentials: SMTPCredentials(username: user, password: password),
                            trustRootsPEMPath: caPath, timeout: .seconds(10))
    }

    /// Settings like `settings()` but for a port on this machine where nothing listens.
    func unreachable() throws -> SMTPSettings {
        var settings = try settings()
        settings.port = try Self.closedPort()
        return settings
    }

    /// What the sink received for `recipient`: each message's bytes, as sent.
    func messages(to recipient: String) throws -> [Data] {
        let directory = URL(fileURLWithPath: spool)
        return try FileManager.default.contentsOfDirectory(atPath: spool).filter { $0.hasSuffix(".json") }.sorted().compactMap { name in
            let sidecar = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent(name))) as? [String: Any]
            guard let recipients = sidecar?["rcpt_tos"] as? [String], recipients.contains(recipient) else { return nil }
            return try Data(contentsOf: directory.appendingPathComponent(name.replacingOccurrences(of: ".json", with: ".eml")))
        }
    }

    /// An address no other test uses, so each test finds its own messages in the shared spool.
    static func uniqueRecipient(_ prefix: String = "guest") -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())@example.com"
    }

    /// A port of 127.0.0.1 that was free a moment ago: bound, then closed again, so a connection is refused.
    static func closedPort() throws -> Int {
        let descriptor = socket(AF_INET, streamSocketType, 0)
        try #require(descriptor >= 0, "cannot open a socket")
        defer { _ = closeDescriptor(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(descriptor, address, length) == 0 && getsockname(descriptor, address, &length) == 0
            }
        }
        try #require(bound, "cannot bind 127.0.0.1")
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

#if canImport(Glibc)
private let streamSocketType = Int32(SOCK_STREAM.rawValue)
private let closeDescriptor = Glibc.close
#else
private let streamSocketType = SOCK_STREAM
private let closeDescriptor = Darwin.close
#endif
