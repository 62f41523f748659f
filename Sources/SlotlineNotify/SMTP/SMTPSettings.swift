import Foundation

/// Where and how to deliver email: parsed from `SLOTLINE_SMTP_URL`,
/// `smtp://user:pass@host:port?tls=starttls|implicit|none`.
public struct SMTPSettings: Sendable, Equatable {
    /// How the connection is encrypted.
    public enum Security: String, Sendable, CaseIterable {
        /// Plain connection upgraded with STARTTLS; a server that does not offer it is refused.
        case startTLS = "starttls"
        /// TLS from the first byte (usually port 465).
        case implicitTLS = "implicit"
        /// No encryption at all, credentials included: only for servers on a trusted network.
        case none

        /// The port a server with this security usually listens on.
        public var defaultPort: Int {
            switch self {
            case .startTLS: 587
            case .implicitTLS: 465
            case .none: 25
            }
        }
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var credentials: SMTPCredentials?
    /// A PEM file of CA certificates to trust instead of the system roots (tests, private CAs).
    public var trustRootsPEMPath: String?
    /// The limit for connecting and for each reply of the server.
    public var timeout: Duration
    /// The name this client gives in EHLO.
    public var clientName: String

    public init(host: String, port: Int? = nil, security: Security = .startTLS, credentials: SMTPCredentials? = nil,
                trustRootsPEMPath: String? = nil, timeout: Duration = .seconds(30), clientName: String = "localhost") {
        self.host = host
        self.port = port ?? security.defaultPort
        self.security = security
        self.credentials = credentials
        self.trustRootsPEMPath = trustRootsPEMPath
        self.timeout = timeout
        self.clientName = clientName
    }

    /// Parses `smtp://[user:pass@]host[:port][?tls=starttls|implicit|none]`; user and password are percent-decoded.
    public init(url: String, trustRootsPEMPath: String? = nil, timeout: Duration = .seconds(30),
                clientName: String = "localhost") throws(SMTPSettingsError) {
        guard let components = URLComponents(string: url) else {
            throw SMTPSettingsError("not a URL; expected smtp://user:pass@host:port?tls=starttls|implicit|none")
        }
        guard components.scheme?.lowercased() == "smtp" else {
            throw SMTPSettingsError("expected smtp://user:pass@host:port?tls=starttls|implicit|none")
        }
        guard var host = components.host, !host.isEmpty else { throw SMTPSettingsError("the host is missing") }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard components.path.isEmpty || components.path == "/" else {
            throw SMTPSettingsError("an SMTP URL has no path")
        }
        var security = Security.startTLS
        for item in components.queryItems ?? [] {
            guard item.name == "tls" else { throw SMTPSettingsError("unknown parameter \"\(item.name)\"; only tls is allowed") }
            guard let value = item.value.flatMap(Security.init(rawValue:)) else {
                throw SMTPSettingsError("tls must be starttls, implicit or none")
            }
            security = value
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw SMTPSettingsError("the port must be between 1 and 65535")
        }
        self.init(host: host, port: components.port, security: security,
                  credentials: try Self.credentials(components), trustRootsPEMPath: trustRootsPEMPath,
                  timeout: timeout, clientName: clientName)
    }

    private static func credentials(_ components: URLComponents) throws(SMTPSettingsError) -> SMTPCredentials? {
        switch (components.percentEncodedUser, components.percentEncodedPassword) {
        case (nil, nil):
            return nil
        case (let user?, let password?) where !user.isEmpty:
            guard let user = user.removingPercentEncoding, let password = password.removingPercentEncoding else {
                throw SMTPSettingsError("the user or password is not valid percent-encoding")
            }
            return SMTPCredentials(username: user, password: password)
        case (let user?, nil) where !user.isEmpty:
            throw SMTPSettingsError("a user needs a password: smtp://user:pass@host")
        default:
            throw SMTPSettingsError("a password needs a user: smtp://user:pass@host")
        }
    }
}

extension SMTPSettings: CustomStringConvertible {
    /// The URL with the password masked, safe for logs.
    public var description: String {
        let user = credentials.map { "\($0.username.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? ""):***@" } ?? ""
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "smtp://\(user)\(host):\(port)?tls=\(security.rawValue)"
    }
}

/// Why `SLOTLINE_SMTP_URL` could not be read. Never quotes the URL, which may hold a password.
public struct SMTPSettingsError: Error, Equatable, Sendable, CustomStringConvertible {
    public var field: String { "SLOTLINE_SMTP_URL" }
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { "\(field): \(reason)" }
}
