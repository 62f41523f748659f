import AsyncHTTPClient
import Crypto
import Foundation
import SlotlineCore
import SlotlineMeetings
import SlotlineStore

/// The meeting providers this server can use, by name, and how each one is connected.
struct ProviderRegistry: Sendable {
    let settings: ServerSettings
    let httpClient: HTTPClient
    /// The store's clock, so token expiry and Retry-After dates are read against the same time as the jobs.
    let time: TimeSource

    /// Providers connected by OAuth need tokens; the others are connected with one click.
    func usesOAuth(_ provider: String) -> Bool { provider == ProviderKind.zoom.rawValue }

    func provider(_ name: String) throws -> any MeetingProvider {
        switch ProviderKind(rawValue: name) {
        case .sandbox:
            return settings.sandboxProvider
        case .jitsi:
            return JitsiProvider(baseURL: settings.jitsiURL, roomPrefix: "slotline")
        case .zoom:
            guard let zoom = settings.zoom else { throw SlotlineError(.providerNotConfigured, field: name) }
            return ZoomProvider(apiURL: zoom.apiURL, httpClient: httpClient, timeout: settings.providerTimeout, time: time)
        default:
            throw SlotlineError(.providerNotConfigured, field: name)
        }
    }

    func oauth(_ name: String) throws -> OAuthClient {
        guard name == ProviderKind.zoom.rawValue, let zoom = settings.zoom else {
            throw SlotlineError(.providerNotConfigured, field: name)
        }
        return OAuthClient(configuration: zoom.oauth, httpClient: httpClient, timeout: settings.providerTimeout, time: time)
    }

    /// Names staff may connect on this server.
    var available: [String] {
        [ProviderKind.sandbox.rawValue, ProviderKind.jitsi.rawValue] + (settings.zoom == nil ? [] : [ProviderKind.zoom.rawValue])
    }
}
