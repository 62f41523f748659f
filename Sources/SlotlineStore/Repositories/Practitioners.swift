import Foundation
import SlotlineCore
import SQLKit

private typealias Columns = PractitionerRecord.Columns

public struct Practitioners: Sendable {
    let database: Access

    public func save(_ practitioner: Practitioner, now: Date) async throws {
        try await database.write { db in
            let record = PractitionerRecord(practitioner: practitioner, createdAt: now, updatedAt: now)
            if try await Self.find(id: practitioner.id, workspaceId: practitioner.workspaceId, in: db) == nil {
                try await db.insert(into: PractitionerRecord.table).record(record).run()
            } else {
                try await db.update(PractitionerRecord.table).set(record: record, keeping: [Columns.id, Columns.workspaceId, Columns.createdAt])
                    .where(Columns.id, .equal, practitioner.id).where(Columns.workspaceId, .equal, practitioner.workspaceId).run()
            }
        }
    }

    public func find(id: String, workspaceId: String) async throws -> Practitioner? {
        try await database.read { db in try await Self.find(id: id, workspaceId: workspaceId, in: db) }
    }

    public func list(workspaceId: String) async throws -> [Practitioner] {
        try await database.read { db in
            try await db.select().column("*").from(PractitionerRecord.table).where(Columns.workspaceId, .equal, workspaceId)
                .orderBy(Columns.createdAt).orderBy(Columns.id).all().map { try $0.record(PractitionerRecord.self).practitioner }
        }
    }

    /// Practitioners by id, in one statement.
    public func find(ids: Set<String>) async throws -> [String: Practitioner] {
        try await database.read { db in try await Self.find(ids: ids, in: db) }
    }

    /// Locks practitioners' rows in id order until the transaction ends (PostgreSQL), so bookings
    /// for them queue, and transactions locking overlapping sets never wait on each other crosswise.
    /// SQLite's write transaction already holds the whole database.
    public func lock(ids: Set<String>) async throws {
        try await database.read { db in try await database.lockRows(db, table: PractitionerRecord.table, ids: ids) }
    }

    /// Practitioners by id, in one statement.
    static func find(ids: Set<String>, in db: any SQLDatabase) async throws -> [String: Practitioner] {
        guard !ids.isEmpty else { return [:] }
        let practitioners = try await db.select().column("*").from(PractitionerRecord.table).where(Columns.id, .in, Array(ids))
            .all().map { try $0.record(PractitionerRecord.self).practitioner }
        return Dictionary(uniqueKeysWithValues: practitioners.map { ($0.id, $0) })
    }

    static func find(id: String, workspaceId: String, in db: any SQLDatabase) async throws -> Practitioner? {
        try await db.select().column("*").from(PractitionerRecord.table)
            .where(Columns.id, .equal, id).where(Columns.workspaceId, .equal, workspaceId)
            .first()?.record(PractitionerRecord.self).practitioner
    }
}
