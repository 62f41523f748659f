import Foundation
import SlotlineStore

/// Ends the hold of a booking whose payment window closed unpaid.
struct ExpireBookingHandler: PayloadHandler {
    let desk: BookingDesk

    func run(_ payload: BookingExpiry, job: Job) async throws {
        try await desk.expire(bookingId: payload.bookingId, workspaceId: payload.workspaceId)
    }
}
