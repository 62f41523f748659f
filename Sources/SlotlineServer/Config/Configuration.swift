import Foundation
import Logging
import SlotlineCore
import SlotlineStore

/// Every setting, read from the environment (or the matching `serve` flag). Each key is
/// documented once, here, with its default; the README table is generated from `Configuration.keys`.
public struct Configuration: Sendable {
    public struct Key: Sendable {
        public let name: String
        public let defaultValue: String
        public let meaning: String
        public let secret: Bool
    }

    public static let keys: [Key] = [
        Key(name: "SLOTLINE_DATA_DIR", defaultValue: "./data", meaning: "SQLite file, key file, outbox files", secret: false),
        Key(name: "SLOTLINE_DATABASE_URL", defaultValue: "sqlite://$SLOTLINE_DATA_DIR/slotline.sqlite", meaning: "or postgres://user:pass@host:port/db", secret: true),
        Key(name: "SLOTLINE_DATABASE_CONNECTIONS", defaultValue: "4 per CPU core", meaning: "most database connections this process opens (mind PostgreSQL's max_connections across replicas)", secret: false),
        Key(name: "SLOTLINE_HOST", defaultValue: "127.0.0.1", meaning: "listen address", secret: false),
        Key(name: "SLOTLINE_PORT", defaultValue: "8080", meaning: "listen port", secret: false),
        Key(name: "SLOTLINE_PUBLIC_URL", defaultValue: "http://HOST:PORT", meaning: "base of links in messages and OAuth redirects", secret: false),
        Key(name: "SLOTLINE_SECRET_KEY", defaultValue: "key file in the data dir", meaning: "base64 32-byte key for the token vault and signatures", secret: true),
        Key(name: "SLOTLINE_LOG_LEVEL", defaultValue: "info", meaning: "trace, debug, info, notice, warning, error, critical", secret: false),
        Key(name: "SLOTLINE_WORKERS", defaultValue: "2", meaning: "job workers in this process (0 = serve only)", secret: false),
        Key(name: "SLOTLINE_SMTP_URL", defaultValue: "unset (outbox only)", meaning: "smtp://user:pass@host:port?tls=starttls|implicit|none", secret: true),
        Key(name: "SLOTLINE_SMTP_CA_FILE", defaultValue: "unset (system roots)", meaning: "PEM file of CA certificates the SMTP server's certificate must chain to", secret: false),
        Key(name: "SLOTLINE_MAIL_FROM", defaultValue: "Slotline <no-reply@localhost>", meaning: "sender of every message", secret: false),
        Key(name: "SLOTLINE_ZOOM_CLIENT_ID", defaultValue: "unset (Zoom off)", meaning: "Zoom OAuth app client id", secret: false),
        Key(name: "SLOTLINE_ZOOM_CLIENT_SECRET", defaultValue: "unset (Zoom off)", meaning: "Zoom OAuth app client secret", secret: true),
        Key(name: "SLOTLINE_ZOOM_OAUTH_URL", defaultValue: "https://zoom.us", meaning: "base of /oauth/authorize, /oauth/token, /oauth/revoke", secret: false),
        Key(name: "SLOTLINE_ZOOM_API_URL", defaultValue: "https://api.zoom.us/v2", meaning: "Zoom REST base", secret: false),
        Key(name: "SLOTLINE_ZOOM_WEBHOOK_SECRET", defaultValue: "unset (Zoom webhooks refused)", meaning: "secret token for x-zm-signature", secret: true),
        Key(name: "SLOTLINE_JITSI_URL", defaultValue: "https://meet.jit.si", meaning: "base of Jitsi room links", secret: false),
        Key(name: "SLOTLINE_WEBHOOK_PRIVATE_ADDRESSES", defaultValue: "refuse",
            meaning: "refuse or allow webhook URLs on loopback, private, link-local and other non-public addresses", secret: false),
    ]

    public var dataDirectory: String
    public var databaseURL: DatabaseURL
    /// Nil: four per event loop (one loop per core).
    public var databaseConnections: Int?
    public var host: String
    public var port: Int
    public var publicURL: String
    /// Base64 key from the environment; nil means "use (or create) the key file".
    public var secretKey: String?
    public var logLevel: Logger.Level
    public var workers: Int
    public var smtpURL: String?
    public var smtpCAFile: String?
    public var mailFrom: String
    public var zoomClientId: String?
    public var zoomClientSecret: String?
    public var zoomOAuthURL: String
    public var zoomAPIURL: String
    public var zoomWebhookSecret: String?
    public var jitsiURL: String
    /// True only for `allow`: webhooks may then reach this machine and its private networks.
    public var webhooksMayReachPrivateAddresses: Bool

    /// Reads the settings; `overrides` (from command-line flags) win over the environment.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, overrides: [String: String] = [:]) throws {
        let values = environment.merging(overrides.filter { !$0.value.isEmpty }) { $1 }
        func value(_ name: String) -> String? { values[name].flatMap { $0.isEmpty ? nil : $0 } }

        dataDirectory = value("SLOTLINE_DATA_DIR") ?? "./data"
        databaseURL = try DatabaseURL(value("SLOTLINE_DATABASE_URL") ?? "sqlite://\(dataDirectory)/slotline.sqlite")
        if let text = value("SLOTLINE_DATABASE_CONNECTIONS") {
            guard let connections = Int(text), (1...1000).contains(connections) else {
                throw SlotlineError.invalid("SLOTLINE_DATABASE_CONNECTIONS", "1–1000")
            }
            databaseConnections = connections
        }
        host = value("SLOTLINE_HOST") ?? "127.0.0.1"
        guard let port = Int(value("SLOTLINE_PORT") ?? "8080"), (0...65_535).contains(port) else {
            throw SlotlineError.invalid("SLOTLINE_PORT", "0–65535")
        }
        self.port = port
        publicURL = (value("SLOTLINE_PUBLIC_URL") ?? "http://\(host):\(port)").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        secretKey = value("SLOTLINE_SECRET_KEY")
        guard let level = Logger.Level(rawValue: value("SLOTLINE_LOG_LEVEL") ?? "info") else {
            throw SlotlineError.invalid("SLOTLINE_LOG_LEVEL", "trace, debug, info, notice, warning, error or critical")
        }
        logLevel = level
        guard let workers = Int(value("SLOTLINE_WORKERS") ?? "2"), (0...64).contains(workers) else {
            throw SlotlineError.invalid("SLOTLINE_WORKERS", "0–64")
        }
        self.workers = workers
        smtpURL = value("SLOTLINE_SMTP_URL")
        smtpCAFile = value("SLOTLINE_SMTP_CA_FILE")
        mailFrom = value("SLOTLINE_MAIL_FROM") ?? "Slotline <no-reply@localhost>"
        zoomClientId = value("SLOTLINE_ZOOM_CLIENT_ID")
        zoomClientSecret = value("SLOTLINE_ZOOM_CLIENT_SECRET")
        zoomOAuthURL = value("SLOTLINE_ZOOM_OAUTH_URL") ?? "https://zoom.us"
        zoomAPIURL = value("SLOTLINE_ZOOM_API_URL") ?? "https://api.zoom.us/v2"
        zoomWebhookSecret = value("SLOTLINE_ZOOM_WEBHOOK_SECRET")
        jitsiURL = value("SLOTLINE_JITSI_URL") ?? "https://meet.jit.si"
        switch value("SLOTLINE_WEBHOOK_PRIVATE_ADDRESSES") ?? "refuse" {
        case "refuse": webhooksMayReachPrivateAddresses = false
        case "allow": webhooksMayReachPrivateAddresses = true
        default: throw SlotlineError.invalid("SLOTLINE_WEBHOOK_PRIVATE_ADDRESSES", "refuse or allow")
        }
    }
}
