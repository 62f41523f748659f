import Foundation
import SlotlineDesk
import SlotlineMeetings
import SlotlineNotify

extension ServerSettings {
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
        var zoom: ZoomSettings?
        if let clientId = configuration.zoomClientId, let secret = configuration.zoomClientSecret {
            zoom = ZoomSettings(oauth: ZoomOAuth.configuration(clientId: clientId, clientSecret: secret, baseURL: configuration.zoomOAuthURL),
                                apiURL: configuration.zoomAPIURL)
        }
        self.init(publicURL: configuration.publicURL, mailFrom: from, smtp: smtp, key: key, zoom: zoom,
                  zoomWebhookSecret: configuration.zoomWebhookSecret, jitsiURL: configuration.jitsiURL,
                  webhooksMayReachPrivateAddresses: configuration.webhooksMayReachPrivateAddresses)
        meetingDurationLimits = configuration.meetingDurationLimits
        chatSigningSecret = configuration.chatSigningSecret
        chatToken = configuration.chatToken
        if let account = configuration.zoomAccountId, let clientId = configuration.zoomS2SClientId, let secret = configuration.zoomS2SClientSecret {
            zoomAccount = ZoomAccountSettings(
                accountId: account, oauth: ZoomOAuth.configuration(clientId: clientId, clientSecret: secret, baseURL: configuration.zoomOAuthURL),
                apiURL: configuration.zoomAPIURL)
        }
    }
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
