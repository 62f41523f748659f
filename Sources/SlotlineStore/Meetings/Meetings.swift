import Foundation
import SlotlineCore
import SQLKit

/// The meetings behind bookings: what their bookings want of them, and what the provider made.
public struct Meetings: Sendable {
    let database: Access
    let time: TimeSource

    /// A new meeting row (no provider meeting yet).
    public func insert(_ meeting: Meeting) async throws {
        try await database.write { db in
            try await db.insert(into: MeetingRecord.table).model(MeetingRecord(meeting, sealedHostURL: nil), with: Row.encoder).run()
        }
    }

    /// Writes what the bookings now want of a meeting: whether it is wanted, its time, topic and state.
    public func saveWish(_ meeting: Meeting) async throws {
        try await database.write { db in
            try await db.update(MeetingRecord.table)
                .set("wanted", to: meeting.wanted).set("starts_at", to: meeting.startsAt.unixSeconds)
                .set("duration_minutes", to: meeting.durationMinutes).set("time_zone", to: meeting.timeZone)
                .set("topic", to: meeting.topic).set("updated_at", to: meeting.updatedAt.unixSeconds)
                .set("state", to: meeting.state.rawValue)
                .where("id", .equal, meeting.id).run()
        }
    }

    public func find(id: String) async throws -> Meeting? {
        try await database.read { db in
            try await db.select().column("*").from(MeetingRecord.table).where("id", .equal, id).first()?.decode(MeetingRecord.self).model
        }
    }

    /// The group's meeting unless deleted.
    public func live(groupKey: String, workspaceId: String) async throws -> Meeting? {
        try await database.read { db in try await Self.live(groupKey: groupKey, workspaceId: workspaceId, in: db) }
    }

    public func find(provider: ProviderKind, externalId: String) async throws -> [Meeting] {
        try await database.read { db in
            try await db.select().column("*").from(MeetingRecord.table)
                .where("provider", .equal, provider.rawValue).where("external_id", .equal, externalId)
                .all().map { try $0.decode(MeetingRecord.self).model }
        }
    }

    /// The host link, sealed; shown only to staff who may see private details.
    public func sealedHostURL(meetingId: String) async throws -> String? {
        try await database.read { db in
            try await db.select().column("sealed_host_url").from(MeetingRecord.table).where("id", .equal, meetingId)
                .first()?.decode(column: "sealed_host_url", as: String?.self)
        }
    }

    /// Records what the provider answered to a create or an update.
    public func recordSynced(_ meeting: Meeting, sealedHostURL: String?) async throws {
        let now = time.now()
        try await database.write { db in
            try await db.update(MeetingRecord.table)
                .set("external_id", to: meeting.externalId).set("meeting_number", to: meeting.meetingNumber)
                .set("join_url", to: meeting.joinURL).set("passcode", to: meeting.passcode)
                .set("sealed_host_url", to: sealedHostURL)
                .set("synced_starts_at", to: meeting.syncedStartsAt?.unixSeconds)
                .set("synced_duration_minutes", to: meeting.syncedDurationMinutes)
                .set("state", to: meeting.state.rawValue).set("last_error", to: SQLLiteral.null)
                .set("updated_at", to: now.unixSeconds)
                .where("id", .equal, meeting.id).run()
        }
    }

    public func recordState(_ state: Meeting.State, meetingId: String, error: String? = nil) async throws {
        try await database.write { db in
            try await db.update(MeetingRecord.table).set("state", to: state.rawValue)
                .set("last_error", to: error.map { String($0.prefix(2000)) })
                .set("updated_at", to: time.now().unixSeconds)
                .where("id", .equal, meetingId).run()
        }
    }

    /// A state the provider reported as of `at` (milliseconds matter: Zoom's `event_ts`). Ignored
    /// when a newer report was applied already; of two reports at the same instant the later stage
    /// wins (started, then ended, then deleted). Returns whether it changed anything.
    @discardableResult
    public func recordProviderState(_ state: Meeting.State, meetingId: String, at: Date) async throws -> Bool {
        let milliseconds = Int64((at.timeIntervalSince1970 * 1000).rounded(.down))
        return try await database.write { db in
            try await database.lockRow(db, table: MeetingRecord.table, id: meetingId)
            guard let row = try await db.select().columns("state", "state_event_at").from(MeetingRecord.table)
                .where("id", .equal, meetingId).first() else { return false }
            let current = Meeting.State(rawValue: try row.decode(column: "state", as: String.self)) ?? .failed
            let last = try row.decode(column: "state_event_at", as: Int64?.self)
            guard current != .deleted, last.map({ milliseconds > $0 || (milliseconds == $0 && Self.stage(state) > Self.stage(current)) }) ?? true
            else { return false }
            try await db.update(MeetingRecord.table).set("state", to: state.rawValue).set("state_event_at", to: milliseconds)
                .set("updated_at", to: time.now().unixSeconds).where("id", .equal, meetingId).run()
            return true
        }
    }

    private static func stage(_ state: Meeting.State) -> Int {
        switch state {
        case .pending, .failed: 0
        case .created: 1
        case .started: 2
        case .ended: 3
        case .deleted: 4
        }
    }

    public func recordError(_ error: String, meetingId: String) async throws {
        try await database.write { db in
            try await db.update(MeetingRecord.table).set("last_error", to: String(error.prefix(2000)))
                .set("updated_at", to: time.now().unixSeconds).where("id", .equal, meetingId).run()
        }
    }

    /// Meetings of a connection whose sync is parked or pending, for staff to see after a reconnect.
    public func list(workspaceId: String, limit: Int = 100) async throws -> [Meeting] {
        try await database.read { db in
            try await db.select().column("*").from(MeetingRecord.table).where("workspace_id", .equal, workspaceId)
                .orderBy("starts_at", .descending).limit(limit).all().map { try $0.decode(MeetingRecord.self).model }
        }
    }

    /// Takes the sync lease of a meeting for `holder` until `until`; false while another worker holds it.
    public func acquireSyncLease(meetingId: String, holder: String, until: Date) async throws -> Bool {
        let now = time.now().unixSeconds
        return try await database.write { db in
            !(try await db.update(MeetingRecord.table)
                .set("sync_locked_by", to: holder).set("sync_locked_until", to: until.unixSeconds)
                .where("id", .equal, meetingId)
                .where { $0.where("sync_locked_until", .is, SQLLiteral.null).orWhere("sync_locked_until", .lessThan, now)
                    .orWhere("sync_locked_by", .equal, holder) }
                .returning("id").all().isEmpty)
        }
    }

    public func releaseSyncLease(meetingId: String, holder: String) async throws {
        try await database.write { db in
            try await db.update(MeetingRecord.table)
                .set("sync_locked_by", to: SQLLiteral.null).set("sync_locked_until", to: SQLLiteral.null)
                .where("id", .equal, meetingId).where("sync_locked_by", .equal, holder).run()
        }
    }

    private static func live(groupKey: String, workspaceId: String, in db: any SQLDatabase) async throws -> Meeting? {
        try await db.select().column("*").from(MeetingRecord.table)
            .where("workspace_id", .equal, workspaceId).where("group_key", .equal, groupKey)
            .where("state", .notEqual, Meeting.State.deleted.rawValue)
            .first()?.decode(MeetingRecord.self).model
    }
}
