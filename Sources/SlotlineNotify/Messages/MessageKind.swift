/// Every message Slotline sends about a booking: to the customer, and notices to staff.
public enum MessageKind: String, Sendable, CaseIterable, Codable {
    case received
    case awaitingPayment = "awaiting-payment"
    case confirmed
    case reminder
    case rescheduled
    /// The provider meeting was created after the confirmation went without its link.
    case meetingReady = "meeting-ready"
    case cancelled
    case declined
    /// Staff did not accept the customer's request to move or cancel: the booking stays as it was.
    case requestRejected = "request-rejected"
    case expired
    case staffNew = "staff-new"
    case staffChanged = "staff-changed"
    case staffCancelled = "staff-cancelled"
    /// A provider refused a practitioner's authorization: someone has to connect the account again.
    case staffConnectionLost = "staff-connection-lost"
    /// Confirmed online bookings of a practitioner want a meeting, and no tool of theirs can make one.
    case staffToolMissing = "staff-tool-missing"

    /// Only these carry the private join link, meeting number and passcode (SPEC §2).
    public var carriesMeetingDetails: Bool {
        switch self {
        case .confirmed, .reminder, .rescheduled, .meetingReady: true
        default: false
        }
    }

    public var isForStaff: Bool {
        switch self {
        case .staffNew, .staffChanged, .staffCancelled, .staffConnectionLost, .staffToolMissing: true
        default: false
        }
    }
}
