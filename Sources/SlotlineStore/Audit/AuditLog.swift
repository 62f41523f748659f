import Foundation
import SlotlineCore
import SQLKit

private typealias Columns = AuditEntry.Columns

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

extension AuditEntry: TableRecord {
    static let table = "audit_log"

    enum Columns {
        static let id = "id"
        static let workspaceId = "workspace_id"
        static let actorId = "actor_id"
        static let action = "action"
        static let subjectType = "subject_type"
        static let subjectId = "subject_id"
        static let detail = "detail"
        static let createdAt = "created_at"
    }

    static let fields: [Field<AuditEntry>] = [
        .value(Columns.id, \.id),
        .value(Columns.workspaceId, \.workspaceId),
        .value(Columns.actorId, \.actorId),
        .value(Columns.action, \.action),
        .value(Columns.subjectType, \.subjectType),
        .value(Columns.subjectId, \.subjectId),
        .value(Columns.detail, \.detail),
        .seconds(Columns.createdAt, \.createdAt),
    ]

    static let blank = AuditEntry(id: "", workspaceId: "", actorId: nil, action: "", subjectType: "", subjectId: "", createdAt: .distantPast)
}

/// The audit log (SPEC §2): every view of private meeting details, connections made and ended.
public struct AuditLog: Sendable {
    let database: Access
    let time: TimeSource

    public func record(_ entry: AuditEntry) async throws {
        try await database.write { db in try await db.insert(into: AuditEntry.table).record(entry).run() }
    }

    public func list(workspaceId: String, subjectId: String? = nil, limit: Int, offset: Int) async throws -> [AuditEntry] {
        try await database.read { db in
            var query = db.select().column("*").from(AuditEntry.table).where(Columns.workspaceId, .equal, workspaceId)
            if let subjectId { query = query.where(Columns.subjectId, .equal, subjectId) }
            return try await query.orderBy(Columns.createdAt, .descending).orderBy(Columns.id, .descending).limit(limit).offset(offset)
                .all().map { try $0.record(AuditEntry.self) }
        }
    }
}
