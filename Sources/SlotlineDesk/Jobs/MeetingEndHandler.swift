import Foundation
import SlotlineCore
import SlotlineMeetings
import SlotlineStore

/// Ends at the provider a video meeting staff ended early, then lets the sync job delete it, so
/// its link cannot start it again on a line that is free for others now.
struct MeetingEndHandler: PayloadHandler {
    let store: Store
    let settings: ServerSettings
    let registry: ProviderRegistry

    func run(_ payload: MeetingEnd, job: Job) async throws {
        guard let meeting = try await store.meetings.find(id: payload.meetingId), meeting.state != .deleted else { return }
        if let externalId = meeting.externalId {
            do {
                let credentials = try await MeetingCredentials(store: store, settings: settings, registry: registry)
                    .credentials(for: meeting, holder: "job:\(job.id)")
                try await registry.provider(meeting.provider).end(externalId: externalId, credentials: credentials)
            } catch MeetingProviderError.notFound {
                // Gone already: nothing left to end.
            } catch let error as MeetingProviderError where !error.isRetryable {
                try await store.meetings.recordError(error.description, meetingId: meeting.id)
                throw JobError.permanent(error.code)
            }
            try await store.meetings.recordProviderState(.ended, meetingId: meeting.id, at: store.time.now())
        }
        try await MeetingWishes(store: store).release(groupKey: meeting.groupKey, workspaceId: meeting.workspaceId)
    }
}
