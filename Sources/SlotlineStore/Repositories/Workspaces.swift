import Foundation
import SlotlineCore
import SQLKit

private typealias Columns = WorkspaceRecord.Columns

public struct Workspaces: Sendable {
    let database: Access

    public func create(_ workspace: Workspace, now: Date) async throws {
        try Workspace.validate(slug: workspace.slug)
        guard TimeZone(identifier: workspace.timeZone) != nil else {
            throw SlotlineError(.invalidTimeZone, field: "timeZone", detail: workspace.timeZone)
        }
        do {
            try await database.write { db in
                try await db.insert(into: WorkspaceRecord.table).record(WorkspaceRecord(workspace: workspace, createdAt: now)).run()
            }
        } catch where Database.isUniqueViolation(error) {
            throw SlotlineError(.alreadyExists, field: "slug")
        }
    }

    /// Saves the back office's settings; a slug another workspace has is `already_exists`.
    public func update(_ workspace: Workspace) async throws {
        try Workspace.validate(slug: workspace.slug)
        guard TimeZone(identifier: workspace.timeZone) != nil else {
            throw SlotlineError(.invalidTimeZone, field: "timeZone", detail: workspace.timeZone)
        }
        do {
            try await database.write { db in
                try await db.update(WorkspaceRecord.table)
                    .set(record: WorkspaceRecord(workspace: workspace, createdAt: .distantPast), keeping: [Columns.id, Columns.createdAt])
                    .where(Columns.id, .equal, workspace.id).run()
            }
        } catch where Database.isUniqueViolation(error) {
            throw SlotlineError(.alreadyExists, field: "slug")
        }
    }

    public func find(slug: String) async throws -> Workspace? {
        try await database.read { db in
            try await db.select().column("*").from(WorkspaceRecord.table).where(Columns.slug, .equal, slug).first()?
                .record(WorkspaceRecord.self).workspace
        }
    }

    public func find(id: String) async throws -> Workspace? {
        try await database.read { db in try await Self.find(id: id, in: db) }
    }

    static func find(id: String, in db: any SQLDatabase) async throws -> Workspace? {
        try await db.select().column("*").from(WorkspaceRecord.table).where(Columns.id, .equal, id).first()?
            .record(WorkspaceRecord.self).workspace
    }
}
