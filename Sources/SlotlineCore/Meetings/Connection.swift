import Foundation

/// A provider account linked by OAuth to a practitioner (or, for pool lines, to the workspace).
/// Its tokens live sealed in the store and never appear here.
public struct Connection: Sendable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case connected
        /// The provider refused the grant: someone has to connect again. Nothing falls back silently.
        case needsReconnect
        case disconnected
    }

    public var id: String
    public var workspaceId: String
    public var practitionerId: String?
    public var provider: ProviderKind
    public var externalUserId: String
    /// What staff see: the account's email or name.
    public var label: String
    public var state: State
    public var scope: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, workspaceId: String, practitionerId: String?, provider: ProviderKind, externalUserId: String, label: String,
                state: State = .connected, scope: String = "", createdAt: Date, updatedAt: Date) {
        self.id = id
        self.workspaceId = workspaceId
        self.practitionerId = practitionerId
        self.provider = provider
        self.externalUserId = externalUserId
        self.label = label
        self.state = state
        self.scope = scope
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
