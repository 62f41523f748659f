import Foundation
import SlotlineCore
import SlotlineNotify
import SlotlineStore

/// Acts on what happened to a booking: its messages, its reminders, its webhook events. Each
/// step is idempotent, so a job that runs again after a crash repeats nothing.
struct BookingEventHandler: PayloadHandler {
    let store: Store
    let messages: BookingMessages
    let meetings: BookingMeetings
    let reminders: ReminderSchedule

    func run(_ happened: BookingEvents, job: Job) async throws {
        guard let facts = try await messages.facts(bookingId: happened.bookingId, workspaceId: happened.workspaceId) else { return }
        // Meetings first: a confirmation waits (by retrying) until its meeting exists.
        try await meetings.reconcile(happened, facts: facts)
        let moves: Set<BookingEvent> = [.confirmed, .rescheduled, .cancelled, .declined, .expired]
        if !moves.isDisjoint(with: happened.events) {
            try await reminders.sync(bookingId: happened.bookingId, workspaceId: happened.workspaceId)
        }
        for event in happened.events {
            guard let type = WebhookEventType(event) else { continue }
            try await store.webhooks.fanOut(.booking(type, happened: happened, facts: facts),
                                            workspaceId: happened.workspaceId)
        }
        try await messages.write(happened, facts: facts)
    }
}

/// Sends a reminder when it falls due, unless the booking moved or ended meanwhile.
struct ReminderHandler: PayloadHandler {
    let messages: BookingMessages

    func run(_ due: ReminderDue, job: Job) async throws {
        try await messages.writeReminder(due)
    }
}
