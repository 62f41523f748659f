import Foundation
import SlotlineCore
import SlotlineNotify
import SlotlineStore

/// Subscribing to Slotline's events: where they go, which ones, and the signing secret shown once.
public struct WebhookSubscriptions: Sendable {
    let store: Store
    let settings: ServerSettings

    public init(store: Store, settings: ServerSettings) {
        self.store = store
        self.settings = settings
    }

    /// A new subscription and its secret in clear, which is never shown again (it is kept sealed).
    public func create(url text: String, events: [String], workspaceId: String) async throws -> (WebhookSubscription, secret: String) {
        let url = try Self.endpoint(text, mayReachPrivateAddresses: settings.webhooksMayReachPrivateAddresses)
        guard !events.isEmpty else { throw SlotlineError.missing("events") }
        let known = Set(WebhookEventType.allCases.map(\.rawValue))
        if let unknown = events.first(where: { !known.contains($0) }) {
            throw SlotlineError(.invalidParameter, field: "events", detail: "\(unknown): one of \(WebhookEventType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let secret = Secrets.token(prefix: "whsec")
        let subscription = WebhookSubscription(id: Secrets.newID(), workspaceId: workspaceId, url: url,
                                               events: Array(Set(events)).sorted(), sealedSecret: try settings.vault.seal(secret),
                                               createdAt: store.time.now())
        try await store.webhooks.create(subscription)
        return (subscription, secret)
    }

    /// Removes a subscription with its delivery log; `not_found` when the workspace has no such subscription.
    public func delete(id: String, workspaceId: String) async throws {
        guard try await store.webhooks.delete(id: id, workspaceId: workspaceId) else { throw SlotlineError.notFound("webhook") }
    }

    /// An absolute http(s) URL with a host; unless private addresses are allowed, not on `localhost`
    /// or an address literal in `PrivateAddresses` (names are checked on delivery).
    private static func endpoint(_ text: String, mayReachPrivateAddresses: Bool) throws -> String {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty else {
            throw SlotlineError.invalid("url", "an absolute http or https URL")
        }
        guard mayReachPrivateAddresses || !PrivateAddresses.contains(host: host) else {
            throw SlotlineError.invalid("url", "a public host, not localhost or a loopback, private or link-local address")
        }
        return text
    }
}
