import Foundation
import SlotlineCore
import SQLKit

/// A client's retry token as first seen: the hash of the request it came with and the booking it made.
public struct IdempotencyRecord: Sendable, Equatable {
    public var key: String
    public var requestHash: String
    public var bookingId: String

    public init(key: String, requestHash: String, bookingId: String) {
        self.key = key
        self.requestHash = requestHash
        self.bookingId = bookingId
    }
}

/// Which Idempotency-Key made which booking, per workspace.
public struct IdempotencyKeys: Sendable {
    static let table = "idempotency_keys"

    enum Columns {
        static let workspaceId = "workspace_id"
        static let key = "key"
        static let requestHash = "request_hash"
        static let bookingId = "booking_id"
        /// Kept empty: manage tokens are derived from the booking id, never stored.
        static let manageToken = "manage_token"
        static let createdAt = "created_at"
    }

    let database: Access

    public func find(key: String, workspaceId: String) async throws -> IdempotencyRecord? {
        try await database.read { db in
            guard let row = try await db.select().columns(Columns.requestHash, Columns.bookingId).from(Self.table)
                .where(Columns.workspaceId, .equal, workspaceId).where(Columns.key, .equal, key).first() else { return nil }
            return IdempotencyRecord(key: key, requestHash: try row.decode(column: Columns.requestHash, as: String.self),
                                     bookingId: try row.decode(column: Columns.bookingId, as: String.self))
        }
    }

    public func insert(_ record: IdempotencyRecord, workspaceId: String, now: Date) async throws {
        try await database.write { db in
            try await db.insert(into: Self.table)
                .columns(Columns.workspaceId, Columns.key, Columns.requestHash, Columns.bookingId, Columns.manageToken, Columns.createdAt)
                .values(SQLBind(workspaceId), SQLBind(record.key), SQLBind(record.requestHash), SQLBind(record.bookingId), SQLBind(""),
                        SQLBind(now.unixSeconds))
                .run()
        }
    }
}
