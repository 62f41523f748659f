import Foundation
import SlotlineNotify
import SlotlineTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The test SMTP servers (shared with the Notify tests) as the server tests use them.
typealias SMTPSink = SMTPSinkInfo

extension SMTPSinkInfo {
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
