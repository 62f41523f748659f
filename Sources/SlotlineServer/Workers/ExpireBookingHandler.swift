import Foundation
import SlotlineStore

/// Ends the hold of a booking whose payment window closed unpaid.
struct ExpireBookingHandler: JobHandler {
    let store: Store
    var kind: String { BookingDesk.expireJob }

    struct Payload: Decodable {
        let bookingId: String
        let workspaceId: String
    }

    func run(_ job: Job) async throws {
        guard let payload = try? JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8)) else {
            throw JobError.permanent("unreadable payload")
        }
        try await store.desk.expire(bookingId: payload.bookingId, workspaceId: payload.workspaceId)
    }
}
