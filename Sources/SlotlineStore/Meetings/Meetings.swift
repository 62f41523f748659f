import Foundation
import SlotlineCore
import SQLKit

/// The meetings behind bookings. Callers say what the bookings want (`want`, `release`); the
/// `meeting.sync` job, enqueued in the same transaction, makes the provider match.
public struct Meetings: Sendable {
    let database: Database
    let time: TimeSource

    public static let syncJob = "meeting.sync"
    /// Sends the link to the customers of a meeting created after their confirmations went without it.
    public static let readyJob = "meeting.ready"
    /// Retries over about 14 hours before a meeting shows as failed.
    public static let syncAttempts = 20

    /// What a group of bookings asks of its meeting.
    public struct Wish: Sendable, Equatable {
        public var groupKey: String
        public var provider: String
        public var connectionId: String?
        public var topic: String
        public var startsAt: Date
        public var durationMinutes: Int
        public var timeZone: String

        public init(groupKey: String, provider: String, connectionId: String?, topic: String, startsAt: Date, durationMinutes: Int,
                    timeZone: String) {
            self.groupKey = groupKey
            self.provider = provider
            self.connectionId = connectionId
            self.topic = topic
            self.startsAt = startsAt
            self.durationMinutes = durationMinutes
            self.timeZone = timeZone
        }
    }

    /// Makes sure the group has a meeting at the wished time; returns it. The provider and account of
    /// a meeting already made stay as they were (moving a meeting never switches provider).
    @discardableResult
    public func want(_ wish: Wish, workspaceId: String) async throws -> Meeting {
        let now = time.now()
        return try await database.write { db in
            if var meeting = try await Self.live(groupKey: wish.groupKey, workspaceId: workspaceId, in: db) {
                let changed = !meeting.wanted || meeting.startsAt != wish.startsAt || meeting.durationMinutes != wish.durationMinutes
                guard changed else { return meeting }
                meeting.wanted = true
                meeting.startsAt = wish.startsAt
                meeting.durationMinutes = wish.durationMinutes
                meeting.timeZone = wish.timeZone
                meeting.topic = wish.topic
                meeting.updatedAt = now
                try await Self.save(meeting, in: db)
                try await Self.enqueueSync(meeting, now: now, in: db)
                return meeting
            }
            let meeting = Meeting(id: Secrets.newID(), workspaceId: workspaceId, groupKey: wish.groupKey, provider: wish.provider,
                                  connectionId: wish.connectionId, topic: wish.topic, startsAt: wish.startsAt,
                                  durationMinutes: wish.durationMinutes, timeZone: wish.timeZone, createdAt: now, updatedAt: now)
            try await db.insert(into: MeetingRecord.table).model(MeetingRecord(meeting, sealedHostURL: nil), with: Row.encoder).run()
            try await Self.enqueueSync(meeting, now: now, in: db)
            return meeting
        }
    }

    /// No booking needs the group's meeting any more: the sync job deletes it.
    public func release(groupKey: String, workspaceId: String) async throws {
        let now = time.now()
        try await database.write { db in
            guard var meeting = try await Self.live(groupKey: groupKey, workspaceId: workspaceId, in: db), meeting.wanted else { return }
            meeting.wanted = false
            meeting.updatedAt = now
            try await Self.save(meeting, in: db)
            try await Self.enqueueSync(meeting, now: now, in: db)
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

    public func find(provider: String, externalId: String) async throws -> [Meeting] {
        try await database.read { db in
            try await db.select().column("*").from(MeetingRecord.table)
                .where("provider", .equal, provider).where("external_id", .equal, externalId)
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

    /// Records what the provider answered to a create or an update. `linkWithheld` (the meeting was
    /// parked without a link when the sync began) enqueues `meeting.ready` in the same transaction,
    /// so a crash after the create cannot lose the customers' notice.
    public func recordSynced(_ meeting: Meeting, sealedHostURL: String?, linkWithheld: Bool) async throws {
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
            if linkWithheld, meeting.joinURL != nil {
                try await JobQueue.enqueue(Self.readyJob, payload: Row.json(["meetingId": meeting.id]), workspaceId: meeting.workspaceId,
                                           subject: "meeting:\(meeting.id)", runAt: now, now: now, in: db)
            }
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

    static func live(groupKey: String, workspaceId: String, in db: any SQLDatabase) async throws -> Meeting? {
        try await db.select().column("*").from(MeetingRecord.table)
            .where("workspace_id", .equal, workspaceId).where("group_key", .equal, groupKey)
            .where("state", .notEqual, Meeting.State.deleted.rawValue)
            .first()?.decode(MeetingRecord.self).model
    }

    private static func save(_ meeting: Meeting, in db: any SQLDatabase) async throws {
        try await db.update(MeetingRecord.table)
            .set("wanted", to: meeting.wanted).set("starts_at", to: meeting.startsAt.unixSeconds)
            .set("duration_minutes", to: meeting.durationMinutes).set("time_zone", to: meeting.timeZone)
            .set("topic", to: meeting.topic).set("updated_at", to: meeting.updatedAt.unixSeconds)
            // A parked meeting gets another chance when the bookings change it.
            .set("state", to: meeting.state == .failed ? (meeting.externalId == nil ? Meeting.State.pending : .created).rawValue : meeting.state.rawValue)
            .where("id", .equal, meeting.id).run()
    }

    private static func enqueueSync(_ meeting: Meeting, now: Date, in db: any SQLDatabase) async throws {
        let subject = "meeting:\(meeting.id)"
        // One queued sync per meeting is enough: it reads the wish when it runs.
        try await JobQueue.dropQueued(syncJob, subject: subject, in: db)
        try await JobQueue.enqueue(syncJob, payload: Row.json(["meetingId": meeting.id]), workspaceId: meeting.workspaceId,
                                   subject: subject, runAt: now, maxAttempts: syncAttempts, now: now, in: db)
    }
}
