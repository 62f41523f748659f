import ArgumentParser
import Foundation
import Logging
import SlotlineServer
import SlotlineStore

/// Flags that mirror the SLOTLINE_* environment variables; a flag wins over the variable.
struct ServerOptions: ParsableArguments {
    @Option(help: "SLOTLINE_DATA_DIR") var dataDir: String?
    @Option(help: "SLOTLINE_DATABASE_URL") var databaseURL: String?
    @Option(help: "SLOTLINE_DATABASE_CONNECTIONS") var databaseConnections: Int?
    @Option(help: "SLOTLINE_HOST") var host: String?
    @Option(help: "SLOTLINE_PORT") var port: Int?
    @Option(help: "SLOTLINE_PUBLIC_URL") var publicURL: String?
    @Option(help: "SLOTLINE_LOG_LEVEL") var logLevel: String?
    @Option(help: "SLOTLINE_WORKERS") var workers: Int?
    @Option(help: "SLOTLINE_SMTP_URL") var smtpURL: String?
    @Option(help: "SLOTLINE_SMTP_CA_FILE") var smtpCAFile: String?
    @Option(help: "SLOTLINE_MAIL_FROM") var mailFrom: String?
    @Option(help: "SLOTLINE_ZOOM_CLIENT_ID") var zoomClientId: String?
    @Option(help: "SLOTLINE_ZOOM_CLIENT_SECRET") var zoomClientSecret: String?
    @Option(help: "SLOTLINE_ZOOM_OAUTH_URL") var zoomOAuthURL: String?
    @Option(help: "SLOTLINE_ZOOM_API_URL") var zoomAPIURL: String?
    @Option(help: "SLOTLINE_ZOOM_WEBHOOK_SECRET") var zoomWebhookSecret: String?
    @Option(help: "SLOTLINE_JITSI_URL") var jitsiURL: String?
    @Option(help: "SLOTLINE_WEBHOOK_PRIVATE_ADDRESSES") var webhookPrivateAddresses: String?

    func configuration() throws -> Configuration {
        var overrides: [String: String] = [:]
        overrides["SLOTLINE_DATA_DIR"] = dataDir
        overrides["SLOTLINE_DATABASE_URL"] = databaseURL
        overrides["SLOTLINE_DATABASE_CONNECTIONS"] = databaseConnections.map(String.init)
        overrides["SLOTLINE_HOST"] = host
        overrides["SLOTLINE_PORT"] = port.map(String.init)
        overrides["SLOTLINE_PUBLIC_URL"] = publicURL
        overrides["SLOTLINE_LOG_LEVEL"] = logLevel
        overrides["SLOTLINE_WORKERS"] = workers.map(String.init)
        overrides["SLOTLINE_SMTP_URL"] = smtpURL
        overrides["SLOTLINE_SMTP_CA_FILE"] = smtpCAFile
        overrides["SLOTLINE_MAIL_FROM"] = mailFrom
        overrides["SLOTLINE_ZOOM_CLIENT_ID"] = zoomClientId
        overrides["SLOTLINE_ZOOM_CLIENT_SECRET"] = zoomClientSecret
        overrides["SLOTLINE_ZOOM_OAUTH_URL"] = zoomOAuthURL
        overrides["SLOTLINE_ZOOM_API_URL"] = zoomAPIURL
        overrides["SLOTLINE_ZOOM_WEBHOOK_SECRET"] = zoomWebhookSecret
        overrides["SLOTLINE_JITSI_URL"] = jitsiURL
        overrides["SLOTLINE_WEBHOOK_PRIVATE_ADDRESSES"] = webhookPrivateAddresses
        return try Configuration(overrides: overrides)
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
