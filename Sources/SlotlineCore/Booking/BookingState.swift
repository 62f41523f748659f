/// Where a booking stands (SPEC §3).
public enum BookingState: String, Sendable, Codable, CaseIterable {
    /// Paid service, slot held until the payment window closes.
    case awaitingPayment
    /// Waiting for staff to accept.
    case pending
    case confirmed
    case declined
    case cancelled
    /// Unpaid when the payment window closed.
    case expired

    /// Held and confirmed bookings keep their slot; the others free it.
    public var holdsSlot: Bool {
        switch self {
        case .awaitingPayment, .pending, .confirmed: return true
        case .declined, .cancelled, .expired: return false
        }
    }

    public var isFinal: Bool { !holdsSlot }
}
