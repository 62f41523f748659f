import Foundation
import SlotlineCore
import SQLKit

private typealias Columns = Meeting.Columns

/// The meetings behind bookings: what their bookings want of them, and what the provider made.
public struct Meetings: Sendable {
    let database: Access
    let time: TimeSource

    /// A new meeting row (no provider meeting yet).
    public func insert(_ meeting: Meeting) async throws {
        try await database.write { db in
            try await db.insert(into: Meeting.table).record(meeting).run()
        }
    }

    /// Writes what the bookings now want of a meeting: whether it is wanted, its time, topic and state.
    public func saveWish(_ meeting: Meeting) async throws {
        try await database.write { db in
            try await db.update(Meeting.table)
                .set(Columns.wanted, to: meeting.wanted).set(Columns.startsAt, to: meeting.startsAt.unixSeconds)
                .set(Columns.durationMinutes, to: meeting.durationMinutes).set(Columns.timeZone, to: meeting.timeZone)
                .set(Columns.topic, to: meeting.topic).set(Columns.updatedAt, to: meeting.updatedAt.unixSeconds)
                .set(Columns.state, to: meeting.state.rawValue)
                .where(Columns.id, .equal, meeting.id).run()
        }
    }

    public func find(id: String) async throws -> Meeting? {
        try await database.read { db in
            try await db.select().column("*").from(Meeting.table).where(Columns.id, .equal, id).first()?.record(Meeting.self)
        }
    }

    /// The group's meeting unless deleted.
    public func live(groupKey: String, workspaceId: String) async throws -> Meeting? {
        try await database.read { db in try await Self.live(groupKey: groupKey, workspaceId: workspaceId, in: db) }
    }

    /// The live meetings of several groups, by group key, in one statement.
    public func live(groupKeys: [String], workspaceId: String) async throws -> [String: Meeting] {
        guard !groupKeys.isEmpty else { return [:] }
        return try await database.read { db in
            let meetings = try await db.select().column("*").from(Meeting.table)
                .where(Columns.workspaceId, .equal, workspaceId).where(Columns.groupKey, .in, groupKeys)
                .where(Columns.state, .notEqual, Meeting.State.deleted.rawValue)
                .all().map { try $0.record(Meeting.self) }
            return Dictionary(meetings.map { ($0.groupKey, $0) }) { first, _ in first }
        }
    }

    public func find(provider: ProviderKind, externalId: String) async throws -> [Meeting] {
        try await database.read { db in
            try await db.select().column("*").from(Meeting.table)
                .where(Columns.provider, .equal, provider.rawValue).where(Columns.externalId, .equal, externalId)
                .all().map { try $0.record(Meeting.self) }
        }
    }

    /// The live meetings that carry a meeting number people type to join.
    public func find(meetingNumber: String, workspaceId: String) async throws -> [Meeting] {
        try await database.read { db in
            try await db.select().column("*").from(Meeting.table)
                .where(Columns.workspaceId, .equal, workspaceId).where(Columns.meetingNumber, .equal, meetingNumber)
                .where(Columns.state, .notEqual, Meeting.State.deleted.rawValue)
                .all().map { try $0.record(Meeting.self) }
        }
    }

    /// The host link, sealed; shown only to staff who may see private details.
    public func sealedHostURL(meetingId: String) async throws -> String? {
        try await database.read { db in
            try await db.select().column(Columns.sealedHostURL).from(Meeting.table).where(Columns.id, .equal, meetingId)
                .first()?.decode(column: Columns.sealedHostURL, as: String?.self)
        }
    }

    /// Records what the provider answered to a create or an update.
    public func recordSynced(_ meeting: Meeting, sealedHostURL: String?) async throws {
        let now = time.now()
        try await database.write { db in
            try await db.update(Meeting.table)
                .set(Columns.externalId, to: meeting.externalId).set(Columns.meetingNumber, to: meeting.meetingNumber)
                .set(Columns.joinURL, to: meeting.joinURL).set(Columns.passcode, to: meeting.passcode)
                .set(Columns.sealedHostURL, to: sealedHostURL)
                .set(Columns.syncedStartsAt, to: meeting.syncedStartsAt?.unixSeconds)
                .set(Columns.syncedDurationMinutes, to: meeting.syncedDurationMinutes)
                .set(Columns.syncedTopic, to: meeting.syncedTopic)
                .set(Columns.state, to: meeting.state.rawValue).set(Columns.lastError, to: SQLLiteral.null)
                .set(Columns.updatedAt, to: now.unixSeconds)
                .where(Columns.id, .equal, meeting.id).run()
        }
    }

    public func recordState(_ state: Meeting.State, meetingId: String, error: String? = nil) async throws {
        try await database.write { db in
            try await db.update(Meeting.table).set(Columns.state, to: state.rawValue)
                .set(Columns.lastError, to: error.map { String($0.prefix(2000)) })
                .set(Columns.updatedAt, to: time.now().unixSeconds)
                .where(Columns.id, .equal, meetingId).run()
        }
    }

    /// A state the provider reported as of `at` (milliseconds matter: Zoom's `event_ts`). Ignored
    /// when a newer report was applied already; of two reports at the same instant the later stage
    /// wins (started, then ended, then deleted). Returns whether it changed anything.
    @discardableResult
    public func recordProviderState(_ state: Meeting.State, meetingId: String, at: Date) async throws -> Bool {
        let milliseconds = Int64((at.timeIntervalSince1970 * 1000).rounded(.down))
        return try await database.write { db in
            try await database.lockRow(db, table: Meeting.table, id: meetingId)
            guard let row = try await db.select().columns(Columns.state, Columns.stateEventAt).from(Meeting.table)
                .where(Columns.id, .equal, meetingId).first() else { return false }
            let current = Meeting.State(rawValue: try row.decode(column: Columns.state, as: String.self)) ?? .failed
            let last = try row.decode(column: Columns.stateEventAt, as: Int64?.self)
            guard current.yields(to: state, reportedAt: milliseconds, lastReportAt: last) else { return false }
            try await db.update(Meeting.table).set(Columns.state, to: state.rawValue).set(Columns.stateEventAt, to: milliseconds)
                .set(Columns.updatedAt, to: time.now().unixSeconds).where(Columns.id, .equal, meetingId).run()
            return true
        }
    }

    public func recordError(_ error: String, meetingId: String) async throws {
        try await database.write { db in
            try await db.update(Meeting.table).set(Columns.lastError, to: String(error.prefix(2000)))
                .set(Columns.updatedAt, to: time.now().unixSeconds).where(Columns.id, .equal, meetingId).run()
        }
    }

    /// Meetings of a connection whose sync is parked or pending, for staff to see after a reconnect.
    public func list(workspaceId: String, limit: Int = 100) async throws -> [Meeting] {
        try await database.read { db in
            try await db.select().column("*").from(Meeting.table).where(Columns.workspaceId, .equal, workspaceId)
                .orderBy(Columns.startsAt, .descending).limit(limit).all().map { try $0.record(Meeting.self) }
        }
    }

    /// Takes the sync lease of a meeting for `holder` until `until`; false while another worker holds it.
    public func acquireSyncLease(meetingId: String, holder: String, until: Date) async throws -> Bool {
        let now = time.now().unixSeconds
        return try await database.write { db in
            !(try await db.update(Meeting.table)
                .set(Columns.syncLockedBy, to: holder).set(Columns.syncLockedUntil, to: until.unixSeconds)
                .where(Columns.id, .equal, meetingId)
                .where { $0.where(Columns.syncLockedUntil, .is, SQLLiteral.null).orWhere(Columns.syncLockedUntil, .lessThan, now)
                    .orWhere(Columns.syncLockedBy, .equal, holder) }
                .returning(Columns.id).all().isEmpty)
        }
    }

    public func releaseSyncLease(meetingId: String, holder: String) async throws {
        try await database.write { db in
            try await db.update(Meeting.table)
                .set(Columns.syncLockedBy, to: SQLLiteral.null).set(Columns.syncLockedUntil, to: SQLLiteral.null)
                .where(Columns.id, .equal, meetingId).where(Columns.syncLockedBy, .equal, holder).run()
        }
    }

    private static func live(groupKey: String, workspaceId: String, in db: any SQLDatabase) async throws -> Meeting? {
        try await db.select().column("*").from(Meeting.table)
            .where(Columns.workspaceId, .equal, workspaceId).where(Columns.groupKey, .equal, groupKey)
            .where(Columns.state, .notEqual, Meeting.State.deleted.rawValue)
            .first()?.record(Meeting.self)
    }
}
