import Crypto
import Foundation
import SlotlineCore
import SlotlineMeetings
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
    /// Nil: Zoom is off (no app credentials configured).
    public var zoom: ZoomSettings?
    /// A Zoom Server-to-Server OAuth app whose licensed users can be lines; nil: none.
    public var zoomAccount: ZoomAccountSettings?
    /// The secret token Zoom signs webhooks with; nil refuses every Zoom webhook.
    public var zoomWebhookSecret: String?
    public var jitsiURL: String
    /// How long a provider call may take before it counts as failed (and, for a create, maybe done).
    public var providerTimeout: Duration = .seconds(15)
    /// Slack's signing secret for `/chat/{slug}/meet`; nil refuses signed chat requests.
    public var chatSigningSecret: String?
    /// Mattermost's slash-command token; nil refuses token requests.
    public var chatToken: String?
    /// The longest video meeting on a line, per provider.
    public var meetingDurationLimits = DurationLimits()
    /// The server key, for the sandbox provider's passcodes and host keys.
    public var key: Data
    /// False refuses webhook URLs on loopback, private and other non-public addresses, when created and
    /// on each delivery.
    public var webhooksMayReachPrivateAddresses: Bool

    public init(publicURL: String = "http://127.0.0.1:8080", mailFrom: MailAddress = ServerSettings.defaultSender,
                smtp: SMTPSettings? = nil, key: Data, zoom: ZoomSettings? = nil, zoomWebhookSecret: String? = nil,
                jitsiURL: String = JitsiProvider.defaultBaseURL, webhooksMayReachPrivateAddresses: Bool = false) {
        self.publicURL = publicURL
        self.mailFrom = mailFrom
        self.smtp = smtp
        self.vault = Vault(key: key)
        self.key = key
        self.zoom = zoom
        self.zoomWebhookSecret = zoomWebhookSecret
        self.jitsiURL = jitsiURL
        self.webhooksMayReachPrivateAddresses = webhooksMayReachPrivateAddresses
    }

    public static let defaultSender = MailAddress(name: "Slotline", address: "no-reply@localhost")

    /// The sandbox provider, under a key of its own derived from the server key.
    public var sandboxProvider: SandboxProvider {
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: self.key), info: Data("slotline sandbox meetings".utf8),
                                         outputByteCount: 32)
        return SandboxProvider(baseURL: "\(publicURL)/sandbox", key: key)
    }

    /// The customer's page for one booking.
    public func manageURL(token: String) -> String { "\(publicURL)/manage/\(token)" }

    /// A booking's page in the back office, the link in staff notices (it asks to sign in first).
    public func backOfficeURL(workspace slug: String, bookingId: String) -> String { "\(publicURL)/admin/\(slug)/bookings/\(bookingId)" }

    /// The one-time link that binds a chat user to a staff account.
    public func chatLinkURL(workspace slug: String, token: String) -> String { "\(publicURL)/admin/\(slug)/chat-link/\(token)" }

    /// A video meeting's page in the back office.
    public func meetingPageURL(workspace slug: String, meetingId: String) -> String { "\(publicURL)/admin/\(slug)/meetings/\(meetingId)" }

    /// Where a video meeting came from, in the back office: its related link (none for a chat).
    public func relatedURL(of source: VideoMeeting.Source, workspace slug: String) -> String? {
        switch source {
        case .quick, .scheduled, .chat: nil
        case .conference(let id): "\(publicURL)/admin/\(slug)/conferences/\(id)"
        case .booking(let id): backOfficeURL(workspace: slug, bookingId: id)
        }
    }

    /// The back-office page with a practitioner's online meeting tools.
    public func meetingToolsURL(workspace slug: String, practitionerId: String) -> String {
        "\(publicURL)/admin/\(slug)/availability?practitioner=\(practitionerId)"
    }

    /// The host part of the public URL, used in calendar UIDs and Message-IDs.
    public var domain: String { URLComponents(string: publicURL)?.host ?? "localhost" }
}

/// The Zoom app: its OAuth client and the REST base (the simulator's in tests).
public struct ZoomSettings: Sendable {
    public var oauth: OAuthConfiguration
    public var apiURL: String

    public init(oauth: OAuthConfiguration, apiURL: String) {
        self.oauth = oauth
        self.apiURL = apiURL
    }
}

/// A Zoom Server-to-Server OAuth app: tokens for the whole account (`account_credentials`), meetings
/// made for each licensed user that is a line.
public struct ZoomAccountSettings: Sendable {
    public var accountId: String
    public var oauth: OAuthConfiguration
    public var apiURL: String

    public init(accountId: String, oauth: OAuthConfiguration, apiURL: String) {
        self.accountId = accountId
        self.oauth = oauth
        self.apiURL = apiURL
    }
}
