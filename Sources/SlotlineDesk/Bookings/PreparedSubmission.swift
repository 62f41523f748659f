import Foundation
import SlotlineCore

/// A booking request checked before any transaction, with the id and manage token the booking will have.
struct PreparedSubmission: Sendable {
    let request: NewBooking
    let customer: Customer
    let workspaceId: String
    let byStaff: Bool
    let staffId: String?
    let id: String
    let token: String
}
