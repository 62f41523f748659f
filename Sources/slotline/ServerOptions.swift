import ArgumentParser
import Foundation
import Logging
import SlotlineServer
import SlotlineStore

/// Flags that mirror the SLOTLINE_* environment variables, SLOTLINE_X_Y as `--x-y`; a flag wins
/// over the variable. Names are spelled out: derived from the properties, `zoomOAuthURL` would be `--zoom-o-auth-url`.
struct ServerOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "SLOTLINE_DATA_DIR") var dataDir: String?
    @Option(name: .customLong("database-url"), help: "SLOTLINE_DATABASE_URL") var databaseURL: String?
    @Option(name: .customLong("database-connections"), help: "SLOTLINE_DATABASE_CONNECTIONS") var databaseConnections: Int?
    @Option(name: .customLong("host"), help: "SLOTLINE_HOST") var host: String?
    @Option(name: .customLong("port"), help: "SLOTLINE_PORT") var port: Int?
    @Option(name: .customLong("public-url"), help: "SLOTLINE_PUBLIC_URL") var publicURL: String?
    // Other local users can read a process's arguments: the variable keeps the key out of sight.
    @Option(name: .customLong("secret-key"), help: "SLOTLINE_SECRET_KEY (prefer the variable: arguments are visible to other users)")
    var secretKey: String?
    @Option(name: .customLong("log-level"), help: "SLOTLINE_LOG_LEVEL") var logLevel: String?
    @Option(name: .customLong("workers"), help: "SLOTLINE_WORKERS") var workers: Int?
    @Option(name: .customLong("smtp-url"), help: "SLOTLINE_SMTP_URL") var smtpURL: String?
    @Option(name: .customLong("smtp-ca-file"), help: "SLOTLINE_SMTP_CA_FILE") var smtpCAFile: String?
    @Option(name: .customLong("mail-from"), help: "SLOTLINE_MAIL_FROM") var mailFrom: String?
    @Option(name: .customLong("zoom-client-id"), help: "SLOTLINE_ZOOM_CLIENT_ID") var zoomClientId: String?
    @Option(name: .customLong("zoom-client-secret"), help: "SLOTLINE_ZOOM_CLIENT_SECRET") var zoomClientSecret: String?
    @Option(name: .customLong("zoom-oauth-url"), help: "SLOTLINE_ZOOM_OAUTH_URL") var zoomOAuthURL: String?
    @Option(name: .customLong("zoom-api-url"), help: "SLOTLINE_ZOOM_API_URL") var zoomAPIURL: String?
    @Option(name: .customLong("zoom-webhook-secret"), help: "SLOTLINE_ZOOM_WEBHOOK_SECRET") var zoomWebhookSecret: String?
    @Option(name: .customLong("jitsi-url"), help: "SLOTLINE_JITSI_URL") var jitsiURL: String?
    @Option(name: .customLong("webhook-private-addresses"), help: "SLOTLINE_WEBHOOK_PRIVATE_ADDRESSES") var webhookPrivateAddresses: String?

    /// The variables the given flags set, by name.
    var overrides: [String: String] {
        let flags: [(variable: String, value: String?)] = [
            ("SLOTLINE_DATA_DIR", dataDir),
            ("SLOTLINE_DATABASE_URL", databaseURL),
            ("SLOTLINE_DATABASE_CONNECTIONS", databaseConnections.map(String.init)),
            ("SLOTLINE_HOST", host),
            ("SLOTLINE_PORT", port.map(String.init)),
            ("SLOTLINE_PUBLIC_URL", publicURL),
            ("SLOTLINE_SECRET_KEY", secretKey),
            ("SLOTLINE_LOG_LEVEL", logLevel),
            ("SLOTLINE_WORKERS", workers.map(String.init)),
            ("SLOTLINE_SMTP_URL", smtpURL),
            ("SLOTLINE_SMTP_CA_FILE", smtpCAFile),
            ("SLOTLINE_MAIL_FROM", mailFrom),
            ("SLOTLINE_ZOOM_CLIENT_ID", zoomClientId),
            ("SLOTLINE_ZOOM_CLIENT_SECRET", zoomClientSecret),
            ("SLOTLINE_ZOOM_OAUTH_URL", zoomOAuthURL),
            ("SLOTLINE_ZOOM_API_URL", zoomAPIURL),
            ("SLOTLINE_ZOOM_WEBHOOK_SECRET", zoomWebhookSecret),
            ("SLOTLINE_JITSI_URL", jitsiURL),
            ("SLOTLINE_WEBHOOK_PRIVATE_ADDRESSES", webhookPrivateAddresses),
        ]
        return Dictionary(uniqueKeysWithValues: flags.compactMap { flag in flag.value.map { (flag.variable, $0) } })
    }

    func configuration() throws -> Configuration {
        try Configuration(overrides: overrides)
    }
}

extension Configuration {
    func logger(_ label: String = "slotline") -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }

    func openStore(logger: Logger) async throws -> Store {
        try await Store.open(databaseURL, secretKey: try SecretKey.load(self), logger: logger, connections: databaseConnections)
    }
}
