import Foundation
import SlotlineCore
import SQLKit

/// What a reminder job carries: which booking, how long before its start, and the start it was
/// planned for (a reminder for a start that moved is stale and sends nothing).
public struct ReminderDue: Sendable, Codable, Equatable {
    public var bookingId: String
    public var workspaceId: String
    public var offsetMinutes: Int
    public var startsAt: Date
}

/// Keeps a booking's reminder jobs in step with the booking: one per service offset while it is
/// confirmed, none otherwise. Running it twice, or for an old event, gives the same jobs.
public struct Reminders: Sendable {
    let database: Database
    let time: TimeSource

    public static let job = "booking.remind"

    /// Replaces the queued reminders of a booking with those its current state and start call for.
    /// Returns the reminders now planned.
    @discardableResult
    public func sync(bookingId: String, workspaceId: String) async throws -> [ReminderDue] {
        try await database.write { db in
            // Concurrent syncs of one booking (two workers, two events) queue behind this lock.
            try await database.lockRow(db, table: BookingRecord.table, id: bookingId)
            guard let booking = try await Bookings.find(id: bookingId, workspaceId: workspaceId, in: db) else { return [] }
            let subject = BookingEvents.subject(bookingId)
            try await JobQueue.dropQueued(Self.job, subject: subject, in: db)
            guard booking.state == .confirmed,
                  let service = try await Services.find(id: booking.serviceId, workspaceId: workspaceId, in: db) else { return [] }
            let now = time.now()
            var planned: [ReminderDue] = []
            for offset in Set(service.reminderOffsetsMinutes).sorted(by: >) {
                let runAt = booking.startsAt.addingTimeInterval(-Double(offset) * 60)
                // A reminder whose time has passed at confirmation is skipped, not sent late.
                guard runAt > now else { continue }
                let due = ReminderDue(bookingId: bookingId, workspaceId: workspaceId, offsetMinutes: offset, startsAt: booking.startsAt)
                try await JobQueue.enqueue(Self.job, payload: Row.json(due), workspaceId: workspaceId, subject: subject,
                                           runAt: runAt, now: now, in: db)
                planned.append(due)
            }
            return planned
        }
    }

    /// Reminder jobs still waiting for a booking, soonest first.
    public func queued(bookingId: String) async throws -> [ReminderDue] {
        try await database.read { db in
            try await db.select().column("payload").from(JobRecord.table)
                .where("subject", .equal, BookingEvents.subject(bookingId)).where("kind", .equal, Self.job)
                .where("state", .equal, Job.State.queued.rawValue).orderBy("run_at")
                .all().map { try Row.decodeJSON(ReminderDue.self, try $0.decode(column: "payload", as: String.self)) }
        }
    }
}
