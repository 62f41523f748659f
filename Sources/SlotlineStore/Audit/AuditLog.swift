import Foundation
import SlotlineCore
import SQLKit

/// One recorded act: who saw or changed what, when.
public struct AuditEntry: Sendable, Equatable {
    public var id: String
    public var workspaceId: String
    public var actorId: String?
    public var action: String
    public var subjectType: String
    public var subjectId: String
    public var detail: String
    public var createdAt: Date

    public init(id: String = Secrets.newID(), workspaceId: String, actorId: String?, action: String, subjectType: String,
                subjectId: String, detail: String = "", createdAt: Date) {
        self.id = id
        self.workspaceId = workspaceId
        self.actorId = actorId
        self.action = action
        self.subjectType = subjectType
        self.subjectId = subjectId
        self.detail = detail
        self.createdAt = createdAt
    }
}

struct AuditRecord: Codable, Sendable {
    static let table = "audit_log"
    var id: String
    var workspaceId: String
    var actorId: String?
    var action: String
    var subjectType: String
    var subjectId: String
    var detail: String
    var createdAt: Int64
}

/// The audit log (SPEC §2): every view of private meeting details, connections made and ended.
public struct AuditLog: Sendable {
    let database: Access
    let time: TimeSource

    public func record(_ entry: AuditEntry) async throws {
        let record = AuditRecord(id: entry.id, workspaceId: entry.workspaceId, actorId: entry.actorId, action: entry.action,
                                 subjectType: entry.subjectType, subjectId: entry.subjectId, detail: entry.detail,
                                 createdAt: entry.createdAt.unixSeconds)
        try await database.write { db in try await db.insert(into: AuditRecord.table).model(record, with: Row.encoder).run() }
    }

    public func list(workspaceId: String, subjectId: String? = nil, limit: Int, offset: Int) async throws -> [AuditEntry] {
        try await database.read { db in
            var query = db.select().column("*").from(AuditRecord.table).where("workspace_id", .equal, workspaceId)
            if let subjectId { query = query.where("subject_id", .equal, subjectId) }
            return try await query.orderBy("created_at", .descending).orderBy("id", .descending).limit(limit).offset(offset)
                .all().map { row in
                    let record = try row.decode(AuditRecord.self)
                    return AuditEntry(id: record.id, workspaceId: record.workspaceId, actorId: record.actorId, action: record.action,
                                      subjectType: record.subjectType, subjectId: record.subjectId, detail: record.detail,
                                      createdAt: Date(unixSeconds: record.createdAt))
                }
        }
    }
}
