import Foundation

/// One meeting account of a workspace's pool: a workspace-level provider connection, or one licensed
/// user of a Zoom Server-to-Server OAuth app. It carries at most `capacity` meetings at a time.
public struct Line: Sendable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case enabled
        /// Kept out of allocation: meetings already on it stay, new ones go elsewhere.
        case maintenance
    }

    public var id: String
    public var workspaceId: String
    public var provider: ProviderKind
    /// The workspace-level OAuth connection meetings are made with; nil for providers that need
    /// none (sandbox, Jitsi) and for Server-to-Server users.
    public var connectionId: String?
    /// The provider user meetings are created for (a Zoom Server-to-Server app's user id); nil: the
    /// connection's own user.
    public var hostUserId: String?
    /// What admins and staff see: the account's email or a name they chose.
    public var label: String
    public var capacity: Int
    public var state: State
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, workspaceId: String, provider: ProviderKind, connectionId: String? = nil, hostUserId: String? = nil,
                label: String, capacity: Int = 1, state: State = .enabled, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.workspaceId = workspaceId
        self.provider = provider
        self.connectionId = connectionId
        self.hostUserId = hostUserId
        self.label = label
        self.capacity = capacity
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// What an allocation plan needs of the line.
    public var room: LinePlan.Room { LinePlan.Room(lineId: id, provider: provider, capacity: capacity) }

    /// Concurrent meetings one line may carry at most.
    public static let capacityRange = 1...100

    public static func checked(label: String, capacity: Int) throws -> (label: String, capacity: Int) {
        let label = try FieldInput.singleLine(label, field: "label", max: 200, required: true)
        guard capacityRange.contains(capacity) else {
            throw SlotlineError.invalid("capacity", "\(capacityRange.lowerBound)–\(capacityRange.upperBound)")
        }
        return (label, capacity)
    }
}
