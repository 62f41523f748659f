import Foundation
import SlotlineStore

/// Waits, visibly, for a practitioner's meeting tool. While confirmed online bookings of theirs have
/// no meeting and no tool can make one, staff are told and the job is parked among the failed jobs
/// with what to do; connecting a tool settles it, and so does "Retry" once one is connected.
struct MeetingToolHandler: PayloadHandler {
    let store: Store
    let meetings: BookingMeetings
    let messages: BookingMessages

    func run(_ payload: MeetingToolWanted, job: Job) async throws {
        if try await store.connections.defaultProvider(practitionerId: payload.practitionerId) != nil {
            return try await meetings.wantWaiting(practitionerId: payload.practitionerId, workspaceId: payload.workspaceId)
        }
        let waiting = try await meetings.waiting(practitionerId: payload.practitionerId, workspaceId: payload.workspaceId)
        guard let first = waiting.first else { return }
        try await messages.toolMissing(first)
        throw JobError.permanent("\(first.practitioner.name) has no connected default meeting tool; \(waiting.count) confirmed online "
                                 + "booking(s) wait for a meeting. Connect a tool and set it as default on their availability page.")
    }
}
