import Foundation
import SlotlineCore
import SlotlineMeetings
import SlotlineNotify
import SlotlineStore

/// Makes the provider match what a meeting's bookings want: create, move or delete it. Safe to run
/// again at any point: a create whose answer was lost is found by its marker, a delete of a meeting
/// already gone is done, and a lease keeps two workers off one meeting.
struct MeetingSyncHandler: PayloadHandler {
    let store: Store
    let settings: ServerSettings
    let registry: ProviderRegistry
    let messages: BookingMessages

    static let lease: TimeInterval = 120

    struct Busy: Error, CustomStringConvertible {
        var description: String { "another worker is syncing this meeting" }
    }

    func run(_ payload: MeetingSync, job: Job) async throws {
        let meetingId = payload.meetingId
        let holder = "job:\(job.id)"
        guard try await store.meetings.acquireSyncLease(meetingId: meetingId, holder: holder,
                                                       until: store.time.now().addingTimeInterval(Self.lease)) else { throw Busy() }
        do {
            try await sync(meetingId: meetingId, holder: holder)
        } catch {
            try? await store.meetings.releaseSyncLease(meetingId: meetingId, holder: holder)
            throw error
        }
        try await store.meetings.releaseSyncLease(meetingId: meetingId, holder: holder)
    }

    private func sync(meetingId: String, holder: String) async throws {
        guard let meeting = try await store.meetings.find(id: meetingId), meeting.state != .deleted, !meeting.inSync else { return }
        do {
            let provider = try registry.provider(meeting.provider)
            let credentials = try await MeetingCredentials(store: store, settings: settings, registry: registry).credentials(for: meeting, holder: holder)
            if meeting.wanted {
                try await createOrMove(meeting, on: provider, credentials: credentials)
            } else {
                var externalId = meeting.externalId
                // A create whose answer was lost may have made a meeting we never heard of.
                if externalId == nil, meeting.lastError != nil {
                    externalId = try await provider.find(marker: MeetingMarker(meetingId: meeting.id), credentials: credentials)?.externalId
                }
                if let externalId { try await provider.delete(externalId: externalId, credentials: credentials) }
                try await store.meetings.recordState(.deleted, meetingId: meeting.id)
                try await announce(.meetingDeleted, meeting)
            }
        } catch let error as MeetingProviderError {
            try await handle(error, meeting: meeting)
        } catch let error as SlotlineError where error.code == .providerNotConfigured {
            try await store.meetings.recordState(.failed, meetingId: meeting.id, error: "\(meeting.provider) is not set up on this server")
            throw JobError.permanent("\(meeting.provider) is not set up on this server")
        }
    }

    private func createOrMove(_ meeting: Meeting, on provider: any MeetingProvider, credentials: ProviderCredentials) async throws {
        let marker = MeetingMarker(meetingId: meeting.id)
        let request = MeetingRequest(topic: meeting.topic, start: meeting.startsAt, durationMinutes: meeting.durationMinutes,
                                     timeZone: meeting.timeZone, agenda: "Booked with Slotline", marker: marker)
        var result: ProviderMeeting
        var created = false
        if let externalId = meeting.externalId {
            do {
                result = try await provider.update(externalId: externalId, request, credentials: credentials)
            } catch MeetingProviderError.notFound {
                // The host deleted it on the provider; the bookings still want one: make a new one.
                result = try await provider.create(request, credentials: credentials)
                created = true
            }
        } else {
            // An earlier try may have created it and lost the answer: look for the marker first.
            if meeting.lastError != nil, let found = try await provider.find(marker: marker, credentials: credentials) {
                result = found
                if found.start != meeting.startsAt || found.durationMinutes != meeting.durationMinutes {
                    result = try await provider.update(externalId: found.externalId, request, credentials: credentials)
                }
            } else {
                // Marked before the call, so a crash or a lost answer makes the next try look first.
                try await store.meetings.recordError("creating on \(meeting.provider)", meetingId: meeting.id)
                result = try await provider.create(request, credentials: credentials)
            }
            created = true
        }
        var synced = meeting
        synced.externalId = result.externalId
        synced.meetingNumber = result.meetingNumber
        synced.joinURL = result.joinURL
        synced.passcode = result.passcode
        synced.syncedStartsAt = meeting.startsAt
        synced.syncedDurationMinutes = meeting.durationMinutes
        synced.syncedTopic = meeting.topic
        synced.state = meeting.state == .started ? .started : .created
        // A confirmation sent while the meeting was parked went without the link: the store sends it now.
        try await MeetingWishes(store: store).recordSynced(synced, sealedHostURL: try result.hostURL.map(settings.vault.seal),
                                              linkWithheld: meeting.parkedWithoutLink)
        try await announce(created ? .meetingCreated : .meetingUpdated, synced)
    }

    private func handle(_ error: MeetingProviderError, meeting: Meeting) async throws -> Never {
        switch error {
        case .rateLimited(let retryAfter?):
            try await store.meetings.recordError(error.description, meetingId: meeting.id)
            throw JobError.retry(after: TimeInterval(retryAfter.components.seconds), reason: error.description)
        case .rateLimited(nil), .transient:
            try await store.meetings.recordError(error.description, meetingId: meeting.id)
            throw error
        case .grantRevoked, .accessTokenRejected:
            // Parked visibly; the practitioner and admins hear of it; no other provider steps in.
            if let connectionId = meeting.connectionId, let connection = try await store.connections.find(id: connectionId) {
                if connection.state == .connected { try await store.connections.markNeedsReconnect(id: connection.id) }
                try await messages.connectionLost(connection, providerName: meeting.provider.displayName, meeting: meeting)
            }
            try await store.meetings.recordState(.failed, meetingId: meeting.id, error: error.description)
            throw JobError.permanent(error.code)
        case .invalidRequest, .notFound:
            try await store.meetings.recordState(.failed, meetingId: meeting.id, error: error.description)
            throw JobError.permanent(error.code)
        }
    }

    private func announce(_ type: WebhookEventType, _ meeting: Meeting) async throws {
        try await store.webhooks.fanOut(.meeting(type, meeting), workspaceId: meeting.workspaceId)
    }
}
