import Foundation
import SlotlineCore
import SQLKit

private typealias Columns = ServiceRecord.Columns

public struct Services: Sendable {
    let database: Access

    /// Creates or replaces a service; every practitioner it names must belong to the workspace.
    public func save(_ service: Service, now: Date) async throws {
        try await database.write { db in
            for practitionerId in service.practitionerIds
            where try await Practitioners.find(id: practitionerId, workspaceId: service.workspaceId, in: db) == nil {
                throw SlotlineError.invalid("practitionerIds", practitionerId)
            }
            let record = ServiceRecord(service: service, createdAt: now, updatedAt: now)
            if try await Self.find(id: service.id, workspaceId: service.workspaceId, in: db) == nil {
                try await db.insert(into: ServiceRecord.table).record(record).run()
            } else {
                try await db.update(ServiceRecord.table).set(record: record, keeping: [Columns.id, Columns.workspaceId, Columns.createdAt])
                    .where(Columns.id, .equal, service.id).where(Columns.workspaceId, .equal, service.workspaceId).run()
            }
        }
    }

    public func find(id: String, workspaceId: String) async throws -> Service? {
        try await database.read { db in try await Self.find(id: id, workspaceId: workspaceId, in: db) }
    }

    public func list(workspaceId: String, activeOnly: Bool = false) async throws -> [Service] {
        try await database.read { db in
            var query = db.select().column("*").from(ServiceRecord.table).where(Columns.workspaceId, .equal, workspaceId)
            if activeOnly { query = query.where(Columns.active, .equal, true) }
            return try await query.orderBy(Columns.createdAt).orderBy(Columns.id).all().map { try $0.record(ServiceRecord.self).service }
        }
    }

    /// Services by id, in one statement.
    public func find(ids: Set<String>) async throws -> [String: Service] {
        try await database.read { db in try await Self.find(ids: ids, in: db) }
    }

    /// Services by id, in one statement.
    static func find(ids: Set<String>, in db: any SQLDatabase) async throws -> [String: Service] {
        guard !ids.isEmpty else { return [:] }
        let services = try await db.select().column("*").from(ServiceRecord.table).where(Columns.id, .in, Array(ids))
            .all().map { try $0.record(ServiceRecord.self).service }
        return Dictionary(uniqueKeysWithValues: services.map { ($0.id, $0) })
    }

    static func find(id: String, workspaceId: String, in db: any SQLDatabase) async throws -> Service? {
        try await db.select().column("*").from(ServiceRecord.table)
            .where(Columns.id, .equal, id).where(Columns.workspaceId, .equal, workspaceId)
            .first()?.record(ServiceRecord.self).service
    }
}
