import Foundation
import SlotlineCore

extension Meeting: TableRecord {
    static let table = "meetings"

    enum Columns {
        static let id = "id"
        static let workspaceId = "workspace_id"
        static let groupKey = "group_key"
        static let provider = "provider"
        static let connectionId = "connection_id"
        static let lineId = "line_id"
        static let topic = "topic"
        static let startsAt = "starts_at"
        static let durationMinutes = "duration_minutes"
        static let timeZone = "time_zone"
        static let externalId = "external_id"
        static let meetingNumber = "meeting_number"
        static let joinURL = "join_url"
        static let passcode = "passcode"
        /// The host link, sealed, written with a provider's answer (`Meetings.recordSynced`), read alone.
        static let sealedHostURL = "sealed_host_url"
        static let syncedStartsAt = "synced_starts_at"
        static let syncedDurationMinutes = "synced_duration_minutes"
        static let syncedTopic = "synced_topic"
        static let state = "state"
        static let wanted = "wanted"
        static let lastError = "last_error"
        static let createdAt = "created_at"
        static let updatedAt = "updated_at"
        /// The sync lease (`Meetings.acquireSyncLease`).
        static let syncLockedBy = "sync_locked_by"
        static let syncLockedUntil = "sync_locked_until"
        /// When the provider's latest state report happened, in milliseconds (`Meetings.recordProviderState`).
        static let stateEventAt = "state_event_at"
    }

    static let fields: [Field<Meeting>] = [
        .value(Columns.id, \.id),
        .value(Columns.workspaceId, \.workspaceId),
        .value(Columns.groupKey, \.groupKey),
        .value(Columns.provider, \.provider),
        .value(Columns.connectionId, \.connectionId),
        .value(Columns.lineId, \.lineId),
        .value(Columns.topic, \.topic),
        .seconds(Columns.startsAt, \.startsAt),
        .value(Columns.durationMinutes, \.durationMinutes),
        .value(Columns.timeZone, \.timeZone),
        .value(Columns.externalId, \.externalId),
        .value(Columns.meetingNumber, \.meetingNumber),
        .value(Columns.joinURL, \.joinURL),
        .value(Columns.passcode, \.passcode),
        .seconds(Columns.syncedStartsAt, \.syncedStartsAt),
        .value(Columns.syncedDurationMinutes, \.syncedDurationMinutes),
        .value(Columns.syncedTopic, \.syncedTopic),
        .raw(Columns.state, \.state, unknown: .failed),
        .value(Columns.wanted, \.wanted),
        .value(Columns.lastError, \.lastError),
        .seconds(Columns.createdAt, \.createdAt),
        .seconds(Columns.updatedAt, \.updatedAt),
    ]

    static let blank = Meeting(id: "", workspaceId: "", groupKey: "", provider: ProviderKind(rawValue: ""), connectionId: nil, topic: "",
                               startsAt: .distantPast, durationMinutes: 0, timeZone: "", createdAt: .distantPast, updatedAt: .distantPast)
}
