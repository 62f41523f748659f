import Foundation
import SlotlineCore
import SlotlineStore

/// Sends the join link to the customers of a meeting that was parked without one and has now been
/// created: their confirmations went out without it. Each booking hears of it once (its dedupe key),
/// however often the job runs.
struct MeetingReadyHandler: JobHandler {
    let store: Store
    let messages: BookingMessages
    var kind: String { Meetings.readyJob }

    struct Payload: Decodable { let meetingId: String }

    func run(_ job: Job) async throws {
        let meetingId = try job.decodedPayload(Payload.self).meetingId
        guard let meeting = try await store.meetings.find(id: meetingId), meeting.state != .deleted, meeting.joinURL != nil,
              let group = meeting.group else { return }
        for booking in try await store.bookings.confirmed(in: group, workspaceId: meeting.workspaceId) {
            try await messages.writeMeetingReady(bookingId: booking.id, meeting: meeting)
        }
    }
}
