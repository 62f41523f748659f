import Foundation
import SlotlineCore
import SlotlineStore

/// What owners and admins set on the workspace itself.
public struct WorkspaceChanges: Sendable {
    public var name: String?
    public var slug: String?
    public var timeZone: String?
    public var defaultLanguage: Language?
    public var paymentInstructions: String?
    public var manageShowsJoinLink: Bool?

    public init() {}
}

extension Desk {
    /// Saves the workspace's settings, each field checked; a slug in use elsewhere is `already_exists`.
    public func updateWorkspace(_ changes: WorkspaceChanges, workspaceId: String, by user: StaffUser) async throws -> Workspace {
        guard user.role.canConfigure else { throw SlotlineError(.forbidden) }
        guard var workspace = try await store.workspaces.find(id: workspaceId) else { throw SlotlineError.notFound("workspace") }
        if let name = try FieldInput.text(changes.name, field: "name", max: 200) {
            guard !name.isEmpty else { throw SlotlineError.invalid("name", "must not be empty") }
            workspace.name = name
        }
        if let slug = changes.slug { workspace.slug = slug.lowercased() }
        if let timeZone = changes.timeZone {
            // The name as chosen: Foundation on Linux renames some zones ("UTC" to "GMT").
            _ = try FieldInput.timeZone(timeZone, field: "timeZone")
            workspace.timeZone = timeZone
        }
        if let language = changes.defaultLanguage { workspace.defaultLanguage = language }
        if let instructions = try FieldInput.text(changes.paymentInstructions, field: "paymentInstructions", max: 5_000) {
            workspace.paymentInstructions = instructions
        }
        if let shows = changes.manageShowsJoinLink { workspace.manageShowsJoinLink = shows }
        try await store.workspaces.update(workspace)
        try await store.audit.record(AuditEntry(workspaceId: workspace.id, actorId: user.id, action: "workspace.updated",
                                                subjectType: "workspace", subjectId: workspace.id, detail: workspace.slug,
                                                createdAt: store.time.now()))
        return workspace
    }

    public var staffDirectory: StaffDirectory { StaffDirectory(store: store, settings: settings) }
}
