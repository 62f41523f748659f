/// What happened to a booking; each becomes jobs (messages, meetings, webhooks) in the same transaction.
public enum BookingEvent: String, Sendable, Codable, CaseIterable {
    case created
    case confirmed
    case rescheduled
    case cancelled
    case declined
    case expired
    case paid
    case changeRequested
    case changeRejected
}
