import Foundation

/// One change in a booking's life, kept for its history: what happened, where it left the booking,
/// and who did it. Written in the transaction that made the change.
public struct BookingChange: Sendable, Equatable {
    /// Who made a change: the customer (booking or the manage page), staff, or Slotline itself
    /// (an unpaid hold that ran out).
    public enum Actor: String, Sendable, Codable, CaseIterable {
        case customer, staff, system
    }

    public var workspaceId: String
    public var bookingId: String
    public var events: [BookingEvent]
    /// The state the change left the booking in.
    public var state: BookingState
    public var startsAt: Date
    /// Where the booking started before, when the change moved it.
    public var previousStartsAt: Date?
    public var actor: Actor
    /// The staff member, when staff made the change and it is known who.
    public var staffId: String?
    /// The customer's reason, for a request from the manage page.
    public var note: String
    public var occurredAt: Date

    public init(workspaceId: String, bookingId: String, events: [BookingEvent], state: BookingState, startsAt: Date,
                previousStartsAt: Date? = nil, actor: Actor, staffId: String? = nil, note: String = "", occurredAt: Date) {
        self.workspaceId = workspaceId
        self.bookingId = bookingId
        self.events = events
        self.state = state
        self.startsAt = startsAt
        self.previousStartsAt = previousStartsAt
        self.actor = actor
        self.staffId = staffId
        self.note = note
        self.occurredAt = occurredAt
    }

    /// The change from `previous` (nil for a new booking) to `booking`.
    public init(booking: Booking, previous: Booking?, events: [BookingEvent], actor: Actor,
                staffId: String? = nil, note: String = "", occurredAt: Date) {
        self.init(workspaceId: booking.workspaceId, bookingId: booking.id, events: events, state: booking.state, startsAt: booking.startsAt,
                  previousStartsAt: previous.flatMap { $0.startsAt != booking.startsAt ? $0.startsAt : nil }, actor: actor,
                  staffId: staffId, note: note, occurredAt: occurredAt)
    }
}
