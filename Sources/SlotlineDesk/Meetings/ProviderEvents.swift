import Foundation
import SlotlineCore
import SlotlineStore

/// What a provider reports on its own, through its webhooks. Providers retry deliveries, so each
/// report sets a state rather than counting anything.
public struct ProviderEvents: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// The provider's user removed Slotline's app: that user's tokens are forgotten everywhere.
    public func appRemoved(provider: ProviderKind, externalUserId: String) async throws {
        try await store.connections.disconnect(provider: provider, externalUserId: externalUserId)
    }

    /// A meeting started, ended or was deleted on the provider, as of `at`: applied in the order the
    /// provider saw it happen, not the order the reports arrive.
    public func meeting(_ state: Meeting.State, provider: ProviderKind, externalId: String, at: Date) async throws {
        for meeting in try await store.meetings.find(provider: provider, externalId: externalId) {
            guard try await store.meetings.recordProviderState(state, meetingId: meeting.id, at: at),
                  case .video(let id)? = meeting.group else { continue }
            try await videoMeeting(id: id, workspaceId: meeting.workspaceId, reported: state, at: at)
        }
    }

    /// A video meeting follows its provider meeting: started is in progress, ended (or deleted once
    /// it ran) ends it and frees its line from that moment, deleted before it started cancels it.
    /// What staff decided (cancelled, ended early) stays.
    private func videoMeeting(id: String, workspaceId: String, reported: Meeting.State, at: Date) async throws {
        try await store.write { tx in
            guard var meeting = try await tx.videoMeetings.find(id: id, workspaceId: workspaceId),
                  [.notStarted, .inProgress].contains(meeting.recorded) else { return }
            switch reported {
            case .started:
                meeting.recorded = .inProgress
            case .ended, .deleted:
                if reported == .deleted, meeting.recorded == .notStarted, at < meeting.startsAt {
                    meeting.recorded = .cancelled
                } else {
                    meeting.recorded = .ended
                    meeting.endedAt = min(at, meeting.endsAt)
                }
            default:
                return
            }
            meeting.updatedAt = store.time.now()
            try await tx.videoMeetings.update(meeting)
        }
    }
}
