import Foundation
import SlotlineCore
import SQLKit

private typealias Columns = Line.Columns

/// The workspace pools of lines.
public struct Lines: Sendable {
    let database: Access

    public func insert(_ line: Line) async throws {
        try await database.write { db in try await db.insert(into: Line.table).record(line).run() }
    }

    /// Writes a line's label, capacity and state.
    public func update(_ line: Line) async throws {
        try await database.write { db in
            try await db.update(Line.table).set(record: line, keeping: [Columns.id, Columns.workspaceId, Columns.createdAt])
                .where(Columns.id, .equal, line.id).where(Columns.workspaceId, .equal, line.workspaceId).run()
        }
    }

    public func find(id: String, workspaceId: String) async throws -> Line? {
        try await database.read { db in
            try await db.select().column("*").from(Line.table).where(Columns.id, .equal, id).where(Columns.workspaceId, .equal, workspaceId)
                .first()?.record(Line.self)
        }
    }

    /// A workspace's lines in the order they were added (by name within one second): the order
    /// allocation tries them.
    public func list(workspaceId: String) async throws -> [Line] {
        try await database.read { db in
            try await db.select().column("*").from(Line.table).where(Columns.workspaceId, .equal, workspaceId)
                .orderBy(Columns.createdAt).orderBy(Columns.label).orderBy(Columns.id).all().map { try $0.record(Line.self) }
        }
    }

    /// The enabled lines of a workspace as an allocation plan needs them, in the order it tries them:
    /// three columns of each, read on every allocation.
    public func rooms(workspaceId: String) async throws -> [LinePlan.Room] {
        try await database.read { db in
            try await db.select().columns(Columns.id, Columns.provider, Columns.capacity).from(Line.table)
                .where(Columns.workspaceId, .equal, workspaceId).where(Columns.state, .equal, Line.State.enabled.rawValue)
                .orderBy(Columns.createdAt).orderBy(Columns.label).orderBy(Columns.id).all().map { row in
                    LinePlan.Room(lineId: try row.decode(column: Columns.id, as: String.self),
                                  provider: ProviderKind(rawValue: try row.decode(column: Columns.provider, as: String.self)),
                                  capacity: try row.decode(column: Columns.capacity, as: Int.self))
                }
        }
    }

    /// Locks every line of the workspace until the transaction ends (PostgreSQL), so allocations in
    /// one pool take turns; SQLite's write transaction already holds the whole database.
    public func lockPool(workspaceId: String) async throws {
        try await database.read { db in
            guard db.dialect.exclusiveSelectLockExpression != nil else { return }
            try await db.select().column(Columns.id).from(Line.table).where(Columns.workspaceId, .equal, workspaceId)
                .orderBy(Columns.id).for(.update).run()
        }
    }
}
