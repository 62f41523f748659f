import Foundation
import SlotlineNotify
import SlotlineStore

/// What the running server needs besides the store: where it is reachable, how it sends mail,
/// and the vault for secrets it keeps.
public struct ServerSettings: Sendable {
    /// Base of links in messages (manage pages), without a trailing slash.
    public var publicURL: String
    public var mailFrom: MailAddress
    /// Nil keeps messages in the outbox only.
    public var smtp: SMTPSettings?
    public var vault: Vault

    public init(publicURL: String = "http://127.0.0.1:8080", mailFrom: MailAddress = ServerSettings.defaultSender,
                smtp: SMTPSettings? = nil, vault: Vault) {
        self.publicURL = publicURL
        self.mailFrom = mailFrom
        self.smtp = smtp
        self.vault = vault
    }

    public static let defaultSender = MailAddress(name: "Slotline", address: "no-reply@localhost")

    /// Settings from the configuration and the server key.
    public init(_ configuration: Configuration, key: Data) throws {
        guard let from = MailAddress.parse(configuration.mailFrom) else {
            throw SlotlineConfigurationError("SLOTLINE_MAIL_FROM", "a mail address such as Studio <bookings@example.com>")
        }
        var smtp: SMTPSettings?
        if let url = configuration.smtpURL {
            do {
                smtp = try SMTPSettings(url: url, trustRootsPEMPath: configuration.smtpCAFile)
            } catch {
                throw SlotlineConfigurationError("SLOTLINE_SMTP_URL", "\(error)")
            }
        }
        self.init(publicURL: configuration.publicURL, mailFrom: from, smtp: smtp, vault: Vault(key: key))
    }

    /// The customer's page for one booking.
    func manageURL(token: String) -> String { "\(publicURL)/manage/\(token)" }

    /// The host part of the public URL, used in calendar UIDs and Message-IDs.
    var domain: String { URLComponents(string: publicURL)?.host ?? "localhost" }
}

/// A setting that cannot be used, named with what it should look like.
public struct SlotlineConfigurationError: Error, CustomStringConvertible {
    public let key: String
    public let expected: String

    init(_ key: String, _ expected: String) {
        self.key = key
        self.expected = expected
    }

    public var description: String { "\(key): expected \(expected)" }
}
