import Foundation
import SlotlineCore
import SlotlineStore

/// Keeps a booking's reminder jobs in step with the booking: one per service offset while it is
/// confirmed, none otherwise. Running it twice, or for an old event, gives the same jobs.
public struct ReminderSchedule: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// Replaces the queued reminders of a booking with those its current state and start call for.
    /// Returns the reminders now planned.
    @discardableResult
    public func sync(bookingId: String, workspaceId: String) async throws -> [ReminderDue] {
        try await store.write { tx in
            // Concurrent syncs of one booking (two workers, two events) queue behind this lock.
            try await tx.bookings.lock(id: bookingId)
            guard let booking = try await tx.bookings.find(id: bookingId, workspaceId: workspaceId) else { return [] }
            let subject = JobSubject.booking(bookingId)
            try await tx.jobs.dropQueued(.bookingRemind, subject: subject)
            guard booking.state == .confirmed,
                  let service = try await tx.services.find(id: booking.serviceId, workspaceId: workspaceId) else { return [] }
            let now = store.time.now()
            var planned: [(ReminderDue, Date)] = []
            for offset in Set(service.reminderOffsetsMinutes).sorted(by: >) {
                let runAt = booking.startsAt.addingTimeInterval(-Double(offset) * 60)
                // A reminder whose time has passed at confirmation is skipped, not sent late.
                guard runAt > now else { continue }
                planned.append((ReminderDue(bookingId: bookingId, workspaceId: workspaceId, offsetMinutes: offset, startsAt: booking.startsAt),
                                runAt))
            }
            try await tx.jobs.enqueue(planned.map { NewJob($0, workspaceId: workspaceId, subject: subject, runAt: $1) })
            return planned.map(\.0)
        }
    }

    /// Reminder jobs still waiting for a booking, soonest first.
    public func queued(bookingId: String) async throws -> [ReminderDue] {
        try await store.jobs.queued(ReminderDue.self, subject: JobSubject.booking(bookingId))
    }
}
