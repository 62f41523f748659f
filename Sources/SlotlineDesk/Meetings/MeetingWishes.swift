import Foundation
import SlotlineCore
import SlotlineStore

/// What a group of bookings asks of its meeting. Callers say what the bookings want (`want`,
/// `release`); the `meeting.sync` job, enqueued in the same transaction, makes the provider match.
struct MeetingWishes: Sendable {
    let store: Store

    /// Retries over about 14 hours before a meeting shows as failed.
    static let syncAttempts = 20

    struct Wish: Sendable, Equatable {
        var groupKey: String
        var provider: ProviderKind
        var connectionId: String?
        /// The pool line it is made on, if any.
        var lineId: String? = nil
        var topic: String
        var startsAt: Date
        var durationMinutes: Int
        var timeZone: String
        /// The bookings' confirmations already went without a link (their practitioner had no tool):
        /// the meeting starts parked, so its creation sends them the link.
        var linkWithheld = false
    }

    /// Makes sure the group has a meeting at the wished time; returns it. The provider and account of
    /// a meeting already made stay as they were (moving a meeting never switches provider).
    @discardableResult
    func want(_ wish: Wish, workspaceId: String) async throws -> Meeting {
        try await store.write { tx in try await want(wish, workspaceId: workspaceId, in: tx) }
    }

    /// `want` inside an open transaction: the wish commits with whatever else the caller writes.
    @discardableResult
    func want(_ wish: Wish, workspaceId: String, in tx: Repositories) async throws -> Meeting {
        let now = store.time.now()
        if var meeting = try await tx.meetings.live(groupKey: wish.groupKey, workspaceId: workspaceId) {
            let changed = !meeting.wanted || meeting.startsAt != wish.startsAt || meeting.durationMinutes != wish.durationMinutes
                || meeting.topic != wish.topic
            guard changed else { return meeting }
            meeting.wanted = true
            meeting.startsAt = wish.startsAt
            meeting.durationMinutes = wish.durationMinutes
            meeting.timeZone = wish.timeZone
            meeting.topic = wish.topic
            meeting.updatedAt = now
            try await save(meeting, in: tx)
            return meeting
        }
        var meeting = Meeting(id: Secrets.newID(), workspaceId: workspaceId, groupKey: wish.groupKey, provider: wish.provider,
                              connectionId: wish.connectionId, lineId: wish.lineId, topic: wish.topic, startsAt: wish.startsAt,
                              durationMinutes: wish.durationMinutes, timeZone: wish.timeZone, createdAt: now, updatedAt: now)
        if wish.linkWithheld {
            meeting.state = .failed
            meeting.lastError = "waited for the practitioner's meeting tool"
        }
        try await tx.meetings.insert(meeting)
        try await requestSync(meeting, in: tx)
        return meeting
    }

    /// No booking needs the group's meeting any more: the sync job deletes it.
    func release(groupKey: String, workspaceId: String) async throws {
        try await store.write { tx in try await release(groupKey: groupKey, workspaceId: workspaceId, in: tx) }
    }

    func release(groupKey: String, workspaceId: String, in tx: Repositories) async throws {
        guard var meeting = try await tx.meetings.live(groupKey: groupKey, workspaceId: workspaceId), meeting.wanted else { return }
        meeting.wanted = false
        meeting.updatedAt = store.time.now()
        try await save(meeting, in: tx)
    }

    /// Records what the provider made. A confirmation sent while the meeting was parked went without
    /// the link (`linkWithheld`): the customers' notice is enqueued in the same transaction, so a
    /// crash after the create cannot lose it.
    func recordSynced(_ meeting: Meeting, sealedHostURL: String?, linkWithheld: Bool) async throws {
        try await store.write { tx in
            try await tx.meetings.recordSynced(meeting, sealedHostURL: sealedHostURL)
            if linkWithheld, meeting.joinURL != nil {
                try await tx.jobs.enqueue(MeetingReady(meetingId: meeting.id), workspaceId: meeting.workspaceId,
                                          subject: JobSubject.meeting(meeting.id))
            }
        }
    }

    private func save(_ wished: Meeting, in tx: Repositories) async throws {
        var meeting = wished
        // A parked meeting gets another chance when the bookings change it.
        if meeting.state == .failed { meeting.state = meeting.externalId == nil ? .pending : .created }
        try await tx.meetings.saveWish(meeting)
        try await requestSync(meeting, in: tx)
    }

    private func requestSync(_ meeting: Meeting, in tx: Repositories) async throws {
        let subject = JobSubject.meeting(meeting.id)
        // One queued sync per meeting is enough: it reads the wish when it runs.
        try await tx.jobs.dropQueued(.meetingSync, subject: subject)
        try await tx.jobs.enqueue(MeetingSync(meetingId: meeting.id), workspaceId: meeting.workspaceId, subject: subject,
                                  maxAttempts: Self.syncAttempts)
    }
}
