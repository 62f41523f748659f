import Foundation
import SlotlineCore
import SQLKit

private typealias Columns = OutboxMessage.Columns

/// The messages table: every message is written once (its dedupe key is unique), and a message for
/// SMTP gets its delivery job in the same transaction.
public struct Outbox: Sendable {
    let database: Access
    let time: TimeSource

    /// About 14 hours of retries with the one-hour backoff cap: an SMTP server down for a while loses nothing.
    public static let deliveryAttempts = 20

    /// Writes `message` unless one with its dedupe key exists; returns whether it was written.
    /// A message for SMTP also gets its delivery job.
    @discardableResult
    static func add(_ message: OutboxMessage, now: Date, in db: any SQLDatabase) async throws -> Bool {
        let inserted = try await db.insert(into: OutboxMessage.table).record(message)
            .ignoringConflicts(with: [Columns.workspaceId, Columns.dedupeKey]).returning(Columns.id).all()
        guard !inserted.isEmpty else { return false }
        if message.transport == .smtp {
            try await JobQueue.insert([NewJob(MailDeliveryDue(messageId: message.id), workspaceId: message.workspaceId,
                                              subject: JobSubject.message(message.id), runAt: now, maxAttempts: deliveryAttempts)],
                                      now: now, in: db)
        }
        return true
    }

    @discardableResult
    public func add(_ message: OutboxMessage) async throws -> Bool {
        let now = time.now()
        return try await database.write { db in try await Self.add(message, now: now, in: db) }
    }

    public func list(workspaceId: String, bookingId: String? = nil, limit: Int, offset: Int) async throws -> [OutboxMessage] {
        try await database.read { db in
            var query = db.select().column("*").from(OutboxMessage.table).where(Columns.workspaceId, .equal, workspaceId)
            if let bookingId { query = query.where(Columns.bookingId, .equal, bookingId) }
            return try await query.orderBy(Columns.createdAt, .descending).orderBy(Columns.id, .descending).limit(limit).offset(offset)
                .all().map { try $0.record(OutboxMessage.self) }
        }
    }

    /// A message by id; `workspaceId` nil only for the delivery worker, which acts for every workspace.
    public func find(id: String, workspaceId: String?) async throws -> OutboxMessage? {
        try await database.read { db in
            var query = db.select().column("*").from(OutboxMessage.table).where(Columns.id, .equal, id)
            if let workspaceId { query = query.where(Columns.workspaceId, .equal, workspaceId) }
            return try await query.first()?.record(OutboxMessage.self)
        }
    }

    /// Records one delivery attempt: sent, failed for good, or still queued for a retry.
    public func recordAttempt(id: String, state: OutboxMessage.State, error: String?) async throws {
        let now = time.now()
        try await database.write { db in
            try await db.update(OutboxMessage.table)
                .set(Columns.attempts, to: SQLRaw("\(Columns.attempts) + 1"))
                .set(Columns.state, to: state.rawValue)
                .set(Columns.lastError, to: error.map { String($0.prefix(2000)) })
                .set(Columns.sentAt, to: state == .sent ? now.unixSeconds : nil)
                .where(Columns.id, .equal, id).where(Columns.state, .in, [OutboxMessage.State.queued.rawValue, OutboxMessage.State.failed.rawValue])
                .run()
        }
    }
}
