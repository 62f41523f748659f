import Foundation
import SlotlineCore
import SlotlineStore

/// What a provider reports on its own, through its webhooks. Providers retry deliveries, so each
/// report sets a state rather than counting anything.
public struct ProviderEvents: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// The provider's user removed Slotline's app: that user's tokens are forgotten everywhere.
    public func appRemoved(provider: ProviderKind, externalUserId: String) async throws {
        try await store.connections.disconnect(provider: provider, externalUserId: externalUserId)
    }

    /// A meeting started, ended or was deleted on the provider, as of `at`: applied in the order the
    /// provider saw it happen, not the order the reports arrive.
    public func meeting(_ state: Meeting.State, provider: ProviderKind, externalId: String, at: Date) async throws {
        for meeting in try await store.meetings.find(provider: provider, externalId: externalId) {
            try await store.meetings.recordProviderState(state, meetingId: meeting.id, at: at)
        }
    }
}
