import Foundation
import Logging
import SlotlineCore
import SlotlineStore

/// Every setting, read from the environment (or the matching flag). Each key is documented once,
/// here, with its default; the README's table is `Configuration.markdownTable`, and a test holds it to that.
public struct Configuration: Sendable {
    public struct Key: Sendable {
        public let name: String
        /// Markdown, as the README shows it: a literal value in code font, a description without.
        public let defaultValue: String
        /// Markdown, as the README shows it.
        public let meaning: String
        /// Marked "(secret)" in the README: keep it out of logs, shell history and version control.
        public let secret: Bool

        init(_ name: String, default defaultValue: String, _ meaning: String, secret: Bool = false) {
            self.name = name
            self.defaultValue = defaultValue
            self.meaning = meaning
            self.secret = secret
        }
    }

    public static let keys: [Key] = [
        Key("SLOTLINE_DATA_DIR", default: "`./data`", "SQLite file, key file, outbox files"),
        Key("SLOTLINE_DATABASE_URL", default: "`sqlite://$SLOTLINE_DATA_DIR/slotline.sqlite`", "or `postgres://user:pass@host:port/db`",
            secret: true),
        Key("SLOTLINE_DATABASE_CONNECTIONS", default: "4 per CPU core",
            "most database connections this process opens, spread over its event loops; with PostgreSQL keep replicas × this under `max_connections`"),
        Key("SLOTLINE_HOST", default: "`127.0.0.1`", "listen address"),
        Key("SLOTLINE_PORT", default: "`8080`", "listen port"),
        Key("SLOTLINE_PUBLIC_URL", default: "`http://HOST:PORT`", "base of links in messages and OAuth redirects"),
        Key("SLOTLINE_SECRET_KEY", default: "key file `\(SecretKey.fileName)` in the data dir, created with mode 0600",
            "base64 32-byte key for the token vault and signatures", secret: true),
        Key("SLOTLINE_LOG_LEVEL", default: "`info`", "trace, debug, info, notice, warning, error, critical"),
        Key("SLOTLINE_WORKERS", default: "`2`", "job workers in this process (`0` = serve only)"),
        Key("SLOTLINE_SMTP_URL", default: "unset (outbox only)", "`smtp://user:pass@host:port?tls=starttls|implicit|none`", secret: true),
        Key("SLOTLINE_SMTP_CA_FILE", default: "unset (system roots)", "PEM file of CA certificates the SMTP server's certificate must chain to"),
        Key("SLOTLINE_MAIL_FROM", default: "`Slotline <no-reply@localhost>`", "sender of every message"),
        Key("SLOTLINE_ZOOM_CLIENT_ID", default: "unset (Zoom off)", "Zoom OAuth app client id"),
        Key("SLOTLINE_ZOOM_CLIENT_SECRET", default: "unset (Zoom off)", "Zoom OAuth app client secret", secret: true),
        Key("SLOTLINE_ZOOM_OAUTH_URL", default: "`https://zoom.us`", "base of `/oauth/authorize`, `/oauth/token`, `/oauth/revoke`"),
        Key("SLOTLINE_ZOOM_API_URL", default: "`https://api.zoom.us/v2`", "Zoom REST base"),
        Key("SLOTLINE_ZOOM_ACCOUNT_ID", default: "unset (no Zoom account lines)", "Zoom Server-to-Server OAuth app: the account whose licensed users can be lines"),
        Key("SLOTLINE_ZOOM_S2S_CLIENT_ID", default: "unset (no Zoom account lines)", "Zoom Server-to-Server OAuth app client id"),
        Key("SLOTLINE_ZOOM_S2S_CLIENT_SECRET", default: "unset (no Zoom account lines)", "Zoom Server-to-Server OAuth app client secret", secret: true),
        Key("SLOTLINE_ZOOM_WEBHOOK_SECRET", default: "unset (Zoom webhooks refused)", "secret token for `x-zm-signature`", secret: true),
        Key("SLOTLINE_JITSI_URL", default: "`https://meet.jit.si`", "base of Jitsi room links"),
        Key("SLOTLINE_CHAT_SIGNING_SECRET", default: "unset (signed chat commands refused)",
            "Slack app signing secret for the `/meet` command at `/chat/{slug}/meet`", secret: true),
        Key("SLOTLINE_CHAT_TOKEN", default: "unset (token chat commands refused)", "Mattermost slash-command token for `/chat/{slug}/meet`",
            secret: true),
        Key("SLOTLINE_MEETING_MAX_MINUTES", default: "`1440`",
            "longest video meeting on a line, in minutes; per provider as `1440,zoom=1440,webex=720`"),
        Key("SLOTLINE_WEBHOOK_PRIVATE_ADDRESSES", default: "`refuse`",
            "`refuse` or `allow` webhook URLs on loopback, private, link-local and other non-public addresses (`allow` only when the receivers are on your own network)"),
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
    public var zoomAccountId: String?
    public var zoomS2SClientId: String?
    public var zoomS2SClientSecret: String?
    public var jitsiURL: String
    public var meetingDurationLimits: DurationLimits
    public var chatSigningSecret: String?
    public var chatToken: String?
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
        zoomAccountId = value("SLOTLINE_ZOOM_ACCOUNT_ID")
        zoomS2SClientId = value("SLOTLINE_ZOOM_S2S_CLIENT_ID")
        zoomS2SClientSecret = value("SLOTLINE_ZOOM_S2S_CLIENT_SECRET")
        jitsiURL = value("SLOTLINE_JITSI_URL") ?? "https://meet.jit.si"
        guard let limits = DurationLimits(setting: value("SLOTLINE_MEETING_MAX_MINUTES") ?? "1440") else {
            throw SlotlineError.invalid("SLOTLINE_MEETING_MAX_MINUTES", "minutes 1–\(DurationLimits.ceilingMinutes), per provider as 1440,zoom=1440")
        }
        meetingDurationLimits = limits
        chatSigningSecret = value("SLOTLINE_CHAT_SIGNING_SECRET")
        chatToken = value("SLOTLINE_CHAT_TOKEN")
        switch value("SLOTLINE_WEBHOOK_PRIVATE_ADDRESSES") ?? "refuse" {
        case "refuse": webhooksMayReachPrivateAddresses = false
        case "allow": webhooksMayReachPrivateAddresses = true
        default: throw SlotlineError.invalid("SLOTLINE_WEBHOOK_PRIVATE_ADDRESSES", "refuse or allow")
        }
    }
}
