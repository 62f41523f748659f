import Foundation
import SlotlineCore

/// A workspace's row: the workspace, and when it was made.
struct WorkspaceRecord: TableRecord {
    static let table = "workspaces"

    enum Columns {
        static let id = "id"
        static let slug = "slug"
        static let name = "name"
        static let timeZone = "time_zone"
        static let defaultLanguage = "default_language"
        static let paymentInstructions = "payment_instructions"
        static let manageShowsJoinLink = "manage_shows_join_link"
        static let createdAt = "created_at"
    }

    var workspace: Workspace
    var createdAt: Date

    static let fields: [Field<WorkspaceRecord>] = [
        .value(Columns.id, \.workspace.id),
        .value(Columns.slug, \.workspace.slug),
        .value(Columns.name, \.workspace.name),
        .value(Columns.timeZone, \.workspace.timeZone),
        .raw(Columns.defaultLanguage, \.workspace.defaultLanguage, unknown: .en),
        .value(Columns.paymentInstructions, \.workspace.paymentInstructions),
        .value(Columns.manageShowsJoinLink, \.workspace.manageShowsJoinLink),
        .seconds(Columns.createdAt, \.createdAt),
    ]

    static let blank = WorkspaceRecord(workspace: Workspace(id: "", slug: "", name: "", timeZone: ""), createdAt: .distantPast)
}
