import SlotlineCore

/// The events a workspace can subscribe to.
public enum WebhookEventType: String, Sendable, CaseIterable, Codable {
    case bookingCreated = "booking.created"
    case bookingConfirmed = "booking.confirmed"
    case bookingRescheduled = "booking.rescheduled"
    case bookingCancelled = "booking.cancelled"
    case bookingDeclined = "booking.declined"
    case bookingExpired = "booking.expired"
    case meetingCreated = "meeting.created"
    case meetingUpdated = "meeting.updated"
    case meetingDeleted = "meeting.deleted"

    /// The webhook event a booking event becomes, if subscribers hear of it.
    public init?(_ event: BookingEvent) {
        switch event {
        case .created: self = .bookingCreated
        case .confirmed: self = .bookingConfirmed
        case .rescheduled: self = .bookingRescheduled
        case .cancelled: self = .bookingCancelled
        case .declined: self = .bookingDeclined
        case .expired: self = .bookingExpired
        case .paid, .changeRequested, .changeRejected: return nil
        }
    }
}
