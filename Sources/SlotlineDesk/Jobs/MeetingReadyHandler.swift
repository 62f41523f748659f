import Foundation
import SlotlineCore
import SlotlineStore

/// Sends the join link to the customers of a meeting that was parked without one and has now been
/// created: their confirmations went out without it. Each booking hears of it once (its dedupe key),
/// however often the job runs.
struct MeetingReadyHandler: PayloadHandler {
    let store: Store
    let messages: BookingMessages

    func run(_ payload: MeetingReady, job: Job) async throws {
        guard let meeting = try await store.meetings.find(id: payload.meetingId), meeting.state != .deleted, meeting.joinURL != nil,
              let group = meeting.group else { return }
        for booking in try await store.bookings.confirmed(in: group, workspaceId: meeting.workspaceId) {
            try await messages.writeMeetingReady(bookingId: booking.id, meeting: meeting)
        }
    }
}
