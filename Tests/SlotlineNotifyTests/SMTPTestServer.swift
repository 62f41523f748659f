import Foundation
import SlotlineNotify
import Testing

/// The SMTP servers that scripts/with-smtp started (scripts/smtp-sink), described by the JSON
/// file SLOTLINE_TEST_SMTP names: ports, CA, spool directory and credentials.
struct SMTPTestServer: Decodable, Sendable {
    enum Flavor: String, CaseIterable, Sendable {
        /// No TLS; AUTH allowed in clear text; no SMTPUTF8.
        case plain
        /// STARTTLS required, then AUTH PLAIN or LOGIN.
        case starttls
        /// TLS from the first byte, then AUTH LOGIN only.
        case implicit

        var security: SMTPSettings.Security {
            switch self {
            case .plain: .none
            case .starttls: .startTLS
            case .implicit: .implicitTLS
            }
        }
    }

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

    static let onCI: Bool = {
        let value = (ProcessInfo.processInfo.environment["CI"] ?? "").lowercased()
        return !value.isEmpty && value != "false" && value != "0"
    }()

    /// With a sink the tests run; under CI they run without one too, so that they fail rather than vanish.
    static var enabled: Bool { infoPath != nil || onCI }

    static func running() throws -> SMTPTestServer {
        let path = try #require(infoPath, "SLOTLINE_TEST_SMTP is unset: CI must run the SMTP tests through scripts/test (scripts/with-smtp)")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(SMTPTestServer.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func port(_ flavor: Flavor) throws -> Int {
        try #require(ports[flavor.rawValue], "smtp-sink has no \(flavor) server")
    }

    /// The URL an operator would write for `flavor`, user and password percent-encoded.
    func url(_ flavor: Flavor, host: String? = nil, tls: SMTPSettings.Security? = nil, password: String? = nil) throws -> String {
        func encoded(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"))!
        }
        return "smtp://\(encoded(user)):\(encoded(password ?? self.password))@\(host ?? self.host):\(try port(flavor))"
            + "?tls=\((tls ?? flavor.security).rawValue)"
    }

    /// Settings for `flavor` that trust the sink's CA.
    func settings(_ flavor: Flavor, host: String? = nil, tls: SMTPSettings.Security? = nil, password: String? = nil,
                  trustingCA: Bool = true) throws -> SMTPSettings {
        try SMTPSettings(url: url(flavor, host: host, tls: tls, password: password),
                         trustRootsPEMPath: trustingCA ? caPath : nil, timeout: .seconds(10))
    }

    /// What the sink wrote for one message: the bytes it received and the envelope around them.
    struct Spooled {
        struct Envelope: Decodable {
            var server: String
            var tls: Bool
            var mailFrom: String
            var mailOptions: [String]
            var rcptTos: [String]
            var authUser: String?
            var authMechanism: String?
        }

        var eml: [UInt8]
        var envelope: Envelope
    }

    /// The messages the sink accepted for `recipient`; tests give each message its own recipient.
    func messages(to recipient: String) throws -> [Spooled] {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let directory = URL(fileURLWithPath: spool)
        return try FileManager.default.contentsOfDirectory(atPath: spool).filter { $0.hasSuffix(".json") }.compactMap { name in
            let envelope = try decoder.decode(Spooled.Envelope.self, from: Data(contentsOf: directory.appendingPathComponent(name)))
            guard envelope.rcptTos.contains(recipient) else { return nil }
            let eml = try Data(contentsOf: directory.appendingPathComponent(name.replacingOccurrences(of: ".json", with: ".eml")))
            return Spooled(eml: Array(eml), envelope: envelope)
        }
    }

    /// An address no other test uses.
    static func uniqueRecipient(_ prefix: String = "guest") -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())@example.com"
    }
}

/// A TCP socket on 127.0.0.1 that listens but never accepts: a connection succeeds and hears nothing.
/// Closed, its port is one where nothing listens.
final class SilentListener {
    let port: Int
    private var descriptor: Int32

    init() throws {
        let descriptor = socket(AF_INET, streamSocketType, 0)
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(descriptor, address, length) == 0 && listen(descriptor, 8) == 0 && getsockname(descriptor, address, &length) == 0
            }
        }
        try #require(descriptor >= 0 && bound, "cannot listen on 127.0.0.1")
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        guard descriptor >= 0 else { return }
        _ = closeDescriptor(descriptor)
        descriptor = -1
    }

    deinit { close() }
}

#if canImport(Glibc)
private let streamSocketType = Int32(SOCK_STREAM.rawValue)
private let closeDescriptor = Glibc.close
#else
private let streamSocketType = SOCK_STREAM
private let closeDescriptor = Darwin.close
#endif
