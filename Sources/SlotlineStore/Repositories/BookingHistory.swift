import Foundation
import SlotlineCore
import SQLKit

private typealias Columns = BookingChangeRecord.Columns

/// A booking change's row; the id only keys the row.
struct BookingChangeRecord: TableRecord {
    static let table = "booking_history"

    enum Columns {
        static let id = "id"
        static let workspaceId = "workspace_id"
        static let bookingId = "booking_id"
        /// 0 for the booking's first change, then 1, 2…: the order of its history.
        static let position = "position"
        static let events = "events"
        static let state = "state"
        static let startsAt = "starts_at"
        static let previousStartsAt = "previous_starts_at"
        static let actor = "actor"
        static let staffId = "staff_user_id"
        static let note = "note"
        static let occurredAt = "occurred_at"
    }

    var id: String
    var position: Int
    var change: BookingChange

    static let fields: [Field<BookingChangeRecord>] = [
        .value(Columns.id, \.id),
        .value(Columns.workspaceId, \.change.workspaceId),
        .value(Columns.bookingId, \.change.bookingId),
        .value(Columns.position, \.position),
        .json(Columns.events, \.change.events),
        .raw(Columns.state, \.change.state, unknown: .cancelled),
        .seconds(Columns.startsAt, \.change.startsAt),
        .seconds(Columns.previousStartsAt, \.change.previousStartsAt),
        .raw(Columns.actor, \.change.actor, unknown: .system),
        .value(Columns.staffId, \.change.staffId),
        .value(Columns.note, \.change.note),
        .seconds(Columns.occurredAt, \.change.occurredAt),
    ]

    static let blank = BookingChangeRecord(id: "", position: 0, change: BookingChange(
        workspaceId: "", bookingId: "", events: [], state: .cancelled, startsAt: .distantPast, actor: .system, occurredAt: .distantPast))
}

/// Each booking's changes, oldest first.
public struct BookingHistory: Sendable {
    let database: Access

    /// Writes the first change of new bookings, in one statement.
    public func start(_ changes: [BookingChange]) async throws {
        guard !changes.isEmpty else { return }
        try await database.write { db in
            try await db.insert(into: BookingChangeRecord.table)
                .records(changes.map { BookingChangeRecord(id: Secrets.newID(), position: 0, change: $0) }).run()
        }
    }

    /// Writes a later change of a booking after those it has. Called in the transaction that
    /// changes the booking, under its practitioner's lock, so no other change takes the same place.
    public func append(_ change: BookingChange) async throws {
        try await database.write { db in
            let row = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(BookingChangeRecord.table)
                .where(Columns.bookingId, .equal, change.bookingId).first()
            let position = try row?.decode(column: "n", as: Int.self) ?? 0
            try await db.insert(into: BookingChangeRecord.table)
                .record(BookingChangeRecord(id: Secrets.newID(), position: position, change: change)).run()
        }
    }

    public func list(bookingId: String, workspaceId: String) async throws -> [BookingChange] {
        try await database.read { db in
            try await db.select().column("*").from(BookingChangeRecord.table)
                .where(Columns.bookingId, .equal, bookingId).where(Columns.workspaceId, .equal, workspaceId)
                .orderBy(Columns.position).limit(500)
                .all().map { try $0.record(BookingChangeRecord.self).change }
        }
    }
}
