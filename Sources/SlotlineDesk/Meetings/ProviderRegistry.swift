import AsyncHTTPClient
import Foundation
import SlotlineCore
import SlotlineMeetings
import SlotlineStore

/// The meeting providers this server can use, and how each one is connected.
struct ProviderRegistry: Sendable {
    let settings: ServerSettings
    let httpClient: HTTPClient
    /// The store's clock, so token expiry and Retry-After dates are read against the same time as the jobs.
    let time: TimeSource
    /// The Zoom Server-to-Server app's token, shared by every line of its account; nil without one.
    let accountTokens: AccountTokens?

    init(settings: ServerSettings, httpClient: HTTPClient, time: TimeSource) {
        self.settings = settings
        self.httpClient = httpClient
        self.time = time
        accountTokens = settings.zoomAccount.map { account in
            AccountTokens(oauth: OAuthClient(configuration: account.oauth, httpClient: httpClient, timeout: settings.providerTimeout, time: time),
                          accountId: account.accountId, time: time)
        }
    }

    /// Providers connected by OAuth need tokens; the others are connected with one click.
    func usesOAuth(_ provider: ProviderKind) -> Bool { provider == .zoom }

    func provider(_ kind: ProviderKind) throws -> any MeetingProvider {
        switch kind {
        case .sandbox:
            return settings.sandboxProvider
        case .jitsi:
            return JitsiProvider(baseURL: settings.jitsiURL, roomPrefix: "slotline")
        case .zoom:
            guard let apiURL = settings.zoom?.apiURL ?? settings.zoomAccount?.apiURL else {
                throw SlotlineError(.providerNotConfigured, field: kind.rawValue)
            }
            return ZoomProvider(apiURL: apiURL, httpClient: httpClient, timeout: settings.providerTimeout, time: time)
        default:
            throw SlotlineError(.providerNotConfigured, field: kind.rawValue)
        }
    }

    func oauth(_ kind: ProviderKind) throws -> OAuthClient {
        guard kind == .zoom, let zoom = settings.zoom else { throw SlotlineError(.providerNotConfigured, field: kind.rawValue) }
        return OAuthClient(configuration: zoom.oauth, httpClient: httpClient, timeout: settings.providerTimeout, time: time)
    }

    /// Tools staff may connect on this server.
    var available: [ProviderKind] { [.sandbox, .jitsi] + (settings.zoom == nil ? [] : [.zoom]) }

    /// What calls for one licensed user of the Server-to-Server app run as.
    func accountCredentials(hostUserId: String? = nil) throws -> ProviderCredentials {
        guard let accountTokens else { throw SlotlineError(.providerNotConfigured, field: "zoom account") }
        return ProviderCredentials(tokens: accountTokens, hostUserId: hostUserId)
    }
}
