import Foundation
import SlotlineCore
import SlotlineMeetings
import SlotlineStore

/// What a provider call about one meeting runs as.
struct MeetingCredentials: Sendable {
    let store: Store
    let settings: ServerSettings
    let registry: ProviderRegistry

    /// OAuth providers act with the live connection of the meeting's practitioner to the same
    /// provider (a reconnect replaces the connection), or with its line's workspace connection;
    /// others need none.
    func credentials(for meeting: Meeting, holder: String) async throws -> ProviderCredentials {
        guard registry.usesOAuth(meeting.provider) else { return .none }
        // A line: one licensed user of a Server-to-Server app (the account's token, for that user), or
        // the line's connection as it is now (a reconnect gives the line a new one).
        var connectionId = meeting.connectionId
        if let lineId = meeting.lineId, let line = try await store.lines.find(id: lineId, workspaceId: meeting.workspaceId) {
            if let hostUserId = line.hostUserId { return try registry.accountCredentials(hostUserId: hostUserId) }
            connectionId = line.connectionId ?? connectionId
        }
        guard let connectionId, let original = try await store.connections.find(id: connectionId) else {
            throw MeetingProviderError.grantRevoked
        }
        var connection = original
        if connection.state != .connected, let practitionerId = connection.practitionerId,
           let live = try await store.connections.live(practitionerId: practitionerId, provider: meeting.provider), live.state == .connected {
            connection = live
        }
        guard connection.state == .connected else { throw MeetingProviderError.grantRevoked }
        return ProviderCredentials(tokens: ConnectionTokenSource(connectionId: connection.id, store: store, vault: settings.vault,
                                                                 oauth: try registry.oauth(meeting.provider), holder: holder))
    }
}
