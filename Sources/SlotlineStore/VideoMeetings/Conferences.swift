import Foundation
import SlotlineCore
import SQLKit

private typealias Columns = Conference.Columns

/// Conference cards.
public struct Conferences: Sendable {
    let database: Access

    public func insert(_ conference: Conference) async throws {
        try await database.write { db in try await db.insert(into: Conference.table).record(conference).run() }
    }

    public func find(id: String, workspaceId: String) async throws -> Conference? {
        try await database.read { db in
            try await db.select().column("*").from(Conference.table).where(Columns.id, .equal, id).where(Columns.workspaceId, .equal, workspaceId)
                .first()?.record(Conference.self)
        }
    }

    /// A page of the workspace's conferences: those not over yet soonest first (`upcoming`), or all newest first.
    public func list(workspaceId: String, upcoming: Bool, now: Date, limit: Int, offset: Int) async throws -> [Conference] {
        try await database.read { db in
            let query = db.select().column("*").from(Conference.table).where(Columns.workspaceId, .equal, workspaceId)
            if upcoming {
                query.where(Columns.endsAt, .greaterThan, now.unixSeconds).orderBy(Columns.startsAt).orderBy(Columns.id)
            } else {
                query.orderBy(Columns.startsAt, .descending).orderBy(Columns.id)
            }
            return try await query.limit(limit).offset(offset).all().map { try $0.record(Conference.self) }
        }
    }
}
