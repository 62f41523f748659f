import Foundation
import SlotlineNotify
import SlotlineTestSupport
import Testing

/// The test SMTP servers (shared with the server tests) as these tests address them.
typealias SMTPTestServer = SMTPSinkInfo

extension SMTPSinkInfo {
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
