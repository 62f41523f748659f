/// Every message Slotline sends about a booking: to the customer, and notices to staff.
public enum MessageKind: String, Sendable, CaseIterable, Codable {
    case received
    case awaitingPayment = "awaiting-payment"
    case confirmed
    case reminder
    case rescheduled
    case cancelled
    case declined
    case expired
    case staffNew = "staff-new"
    case staffChanged = "staff-changed"
    case staffCancelled = "staff-cancelled"
    /// A provider refused a practitioner's authorization: someone has to connect the account again.
    case staffConnectionLost = "staff-connection-lost"

    /// Only these carry the private join link, meeting number and passcode (SPEC §2).
    public var carriesMeetingDetails: Bool {
        switch self {
        case .confirmed, .reminder, .rescheduled: true
        default: false
        }
    }

    public var isForStaff: Bool {
        switch self {
        case .staffNew, .staffChanged, .staffCancelled, .staffConnectionLost: true
        default: false
        }
    }
}
