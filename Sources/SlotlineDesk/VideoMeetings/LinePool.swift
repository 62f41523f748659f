import Foundation
import SlotlineCore
import SlotlineMeetings
import SlotlineStore

/// What an admin sets on a line: a new one names its provider (and the account), an edit changes
/// label, capacity or state.
public struct LineChanges: Sendable, Codable, Equatable {
    public var provider: ProviderKind?
    public var connectionId: String?
    public var hostUserId: String?
    public var label: String?
    public var capacity: Int?
    public var state: Line.State?

    public init(provider: ProviderKind? = nil, connectionId: String? = nil, hostUserId: String? = nil, label: String? = nil,
                capacity: Int? = nil, state: Line.State? = nil) {
        self.provider = provider
        self.connectionId = connectionId
        self.hostUserId = hostUserId
        self.label = label
        self.capacity = capacity
        self.state = state
    }
}

/// The workspace's pool of lines, as admins configure it.
public struct LinePool: Sendable {
    let store: Store
    let registry: ProviderRegistry

    /// Providers whose accounts become lines by authorizing them for the workspace (Zoom's OAuth app).
    public var oauthProviders: [ProviderKind] { registry.available.filter { registry.usesOAuth($0) } }

    /// Providers a line can be added for here without a workspace-level connection.
    public var providers: [ProviderKind] { registry.available.filter { !registry.usesOAuth($0) } }

    public func list(workspaceId: String) async throws -> [Line] {
        try await store.lines.list(workspaceId: workspaceId)
    }

    public func find(id: String, workspaceId: String) async throws -> Line {
        guard let line = try await store.lines.find(id: id, workspaceId: workspaceId) else { throw SlotlineError.notFound("line") }
        return line
    }

    /// Adds a line. Providers connected by OAuth need a workspace-level connection of theirs.
    public func add(_ changes: LineChanges, workspaceId: String) async throws -> Line {
        guard let provider = changes.provider else { throw SlotlineError.missing("provider") }
        guard registry.available.contains(provider) || (provider == .zoom && registry.accountTokens != nil) else {
            throw SlotlineError(.providerNotConfigured, field: "provider")
        }
        var connectionId: String?
        var label = changes.label
        if provider == .zoom, let hostUserId = changes.hostUserId {
            // A licensed user of the Server-to-Server app: it must be one of the account's.
            guard let user = try await zoomUsers().first(where: { $0.externalUserId == hostUserId }) else {
                throw SlotlineError.notFound("hostUserId")
            }
            label = label ?? user.email ?? user.label
        } else if registry.usesOAuth(provider) {
            guard let id = changes.connectionId else { throw SlotlineError.missing("connectionId") }
            guard let connection = try await store.connections.find(id: id), connection.workspaceId == workspaceId,
                  connection.practitionerId == nil, connection.provider == provider else { throw SlotlineError.notFound("connectionId") }
            connectionId = connection.id
        }
        let (checkedLabel, capacity) = try Line.checked(label: label ?? provider.displayName, capacity: changes.capacity ?? 1)
        let now = store.time.now()
        let line = Line(id: Secrets.newID(), workspaceId: workspaceId, provider: provider, connectionId: connectionId,
                        hostUserId: provider == .zoom ? changes.hostUserId : nil, label: checkedLabel, capacity: capacity, state: changes.state ?? .enabled,
                        createdAt: now, updatedAt: now)
        try await store.lines.insert(line)
        return line
    }

    /// A workspace-level account just authorized: the line it is already (after a reconnect) now uses
    /// the new connection; otherwise it becomes a new line of capacity 1, labelled as the account.
    func connected(_ connection: Connection) async throws {
        for var line in try await store.lines.list(workspaceId: connection.workspaceId) where line.provider == connection.provider {
            guard let previous = line.connectionId, previous != connection.id,
                  try await store.connections.find(id: previous)?.externalUserId == connection.externalUserId else { continue }
            line.connectionId = connection.id
            line.updatedAt = store.time.now()
            try await store.lines.update(line)
            return
        }
        _ = try await add(LineChanges(provider: connection.provider, connectionId: connection.id, label: connection.label),
                          workspaceId: connection.workspaceId)
    }

    /// The licensed users of the Zoom Server-to-Server app's account, each of which can be a line;
    /// `provider_not_configured` without such an app.
    public func zoomUsers() async throws -> [ProviderAccount] {
        guard let provider = try registry.provider(.zoom) as? ZoomProvider else { throw SlotlineError(.providerNotConfigured, field: "zoom") }
        do {
            return try await provider.licensedUsers(credentials: try registry.accountCredentials())
        } catch let error as MeetingProviderError {
            throw SlotlineError(.serviceUnavailable, field: "zoom", detail: error.code)
        }
    }

    /// Whether lines can be licensed users of a Zoom Server-to-Server app here.
    public var offersZoomUsers: Bool { registry.accountTokens != nil }

    /// Changes a line's label, capacity or state. Lowering the capacity leaves meetings already
    /// placed where they are; new ones see the new capacity.
    public func update(id: String, _ changes: LineChanges, workspaceId: String) async throws -> Line {
        var line = try await find(id: id, workspaceId: workspaceId)
        if let provider = changes.provider, provider != line.provider { throw SlotlineError.invalid("provider", "a line keeps its provider") }
        (line.label, line.capacity) = try Line.checked(label: changes.label ?? line.label, capacity: changes.capacity ?? line.capacity)
        line.state = changes.state ?? line.state
        line.updatedAt = store.time.now()
        try await store.lines.update(line)
        return line
    }
}
