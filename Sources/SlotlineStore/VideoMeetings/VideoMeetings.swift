import Foundation
import SlotlineCore
import SQLKit

private typealias Columns = VideoMeeting.Columns

/// Video meetings on lines, with who is invited to each.
public struct VideoMeetings: Sendable {
    let database: Access

    /// Which meetings a list shows.
    public enum View: String, Sendable, CaseIterable {
        /// Not started or in progress, starting within a month.
        case recent
        case all
    }

    public static let recentSpan: TimeInterval = 31 * 86_400

    public func insert(_ meeting: VideoMeeting) async throws {
        try await database.write { db in
            try await db.insert(into: VideoMeeting.table).record(meeting).run()
            try await Self.saveParticipants(meeting, in: db)
        }
    }

    /// Writes everything but the meeting's identity and who made it; its participants replace the old ones.
    public func update(_ meeting: VideoMeeting) async throws {
        try await database.write { db in
            try await db.update(VideoMeeting.table)
                .set(record: meeting, keeping: [Columns.id, Columns.workspaceId, Columns.createdByStaffId, Columns.createdAt])
                .where(Columns.id, .equal, meeting.id).where(Columns.workspaceId, .equal, meeting.workspaceId).run()
            try await db.delete(from: ParticipantColumns.table).where(ParticipantColumns.videoMeetingId, .equal, meeting.id).run()
            try await Self.saveParticipants(meeting, in: db)
        }
    }

    public func find(id: String, workspaceId: String) async throws -> VideoMeeting? {
        try await database.read { db in
            guard let meeting = try await db.select().column("*").from(VideoMeeting.table)
                .where(Columns.id, .equal, id).where(Columns.workspaceId, .equal, workspaceId)
                .first()?.record(VideoMeeting.self) else { return nil }
            return try await Self.withParticipants([meeting], in: db)[0]
        }
    }

    /// The meetings launched from one source (a conference card, a booking), newest first.
    public func find(source: VideoMeeting.Source, workspaceId: String) async throws -> [VideoMeeting] {
        try await database.read { db in
            let meetings = try await db.select().column("*").from(VideoMeeting.table).where(Columns.workspaceId, .equal, workspaceId)
                .where(Columns.sourceKind, .equal, source.kind).where(Columns.sourceRef, .equal, source.reference)
                .orderBy(Columns.createdAt, .descending).all().map { try $0.record(VideoMeeting.self) }
            return try await Self.withParticipants(meetings, in: db)
        }
    }

    /// What the lines carry over `interval`: every meeting that takes one of them during it. No
    /// meeting lasts longer than `longest`, so the read walks the line index from `longest` before
    /// the interval to its end and answers from the index alone: the cost follows the meetings
    /// around the interval, not the table.
    public func holds(lineIds: [String], overlapping interval: DateInterval, longest: TimeInterval,
                      excluding meetingId: String? = nil) async throws -> [LinePlan.Hold] {
        guard !lineIds.isEmpty else { return [] }
        return try await database.read { db in
            try await Self.holdsQuery(db, lineIds: lineIds, overlapping: interval, longest: longest, excluding: meetingId).all().map { row in
                LinePlan.Hold(lineId: try row.decode(column: Columns.lineId, as: String.self),
                              startsAt: Date(unixSeconds: try row.decode(column: Columns.startsAt, as: Int64.self)),
                              endsAt: Date(unixSeconds: try row.decode(column: Columns.holdEndsAt, as: Int64.self)))
            }
        }
    }

    private static func holdsQuery(_ db: any SQLDatabase, lineIds: [String], overlapping interval: DateInterval, longest: TimeInterval,
                                   excluding meetingId: String?) -> SQLSelectBuilder {
        let query = db.select().columns(Columns.lineId, Columns.startsAt, Columns.holdEndsAt).from(VideoMeeting.table)
            .where(Columns.lineId, .in, lineIds).where(Columns.holdEndsAt, .isNot, SQLLiteral.null)
            .where(Columns.startsAt, .greaterThanOrEqual, interval.start.addingTimeInterval(-longest).unixSeconds)
            .where(Columns.startsAt, .lessThan, interval.end.unixSeconds)
            .where(Columns.holdEndsAt, .greaterThan, interval.start.unixSeconds)
        if let meetingId { query.where(Columns.id, .notEqual, meetingId) }
        return query
    }

    /// A page of a workspace's meetings, or of those one staff member hosts, made or is invited to.
    /// `recent` lists what is ahead soonest first; `all` newest first, narrowed to one state if asked.
    public func list(workspaceId: String, involving staffId: String?, view: View, state: VideoMeeting.State?, now: Date,
                     limit: Int, offset: Int) async throws -> [VideoMeeting] {
        try await database.read { db in
            let query = db.select().column("*").from(VideoMeeting.table).where(Columns.workspaceId, .equal, workspaceId)
            if let staffId {
                query.where { group in
                    group.where(Columns.hostStaffId, .equal, staffId).orWhere(Columns.createdByStaffId, .equal, staffId)
                        .orWhere(Columns.id, .in, SQLSubquery.select { sub in
                            sub.column(ParticipantColumns.videoMeetingId).from(ParticipantColumns.table)
                                .where(ParticipantColumns.staffUserId, .equal, staffId)
                        })
                }
            }
            switch view {
            case .recent:
                Self.narrow(query, to: [.notStarted, .inProgress], now: now)
                query.where(Columns.startsAt, .lessThan, now.addingTimeInterval(Self.recentSpan).unixSeconds)
                    .orderBy(Columns.startsAt).orderBy(Columns.id)
            case .all:
                if let state { Self.narrow(query, to: [state], now: now) }
                query.orderBy(Columns.startsAt, .descending).orderBy(Columns.id)
            }
            let meetings = try await query.limit(limit).offset(offset).all().map { try $0.record(VideoMeeting.self) }
            return try await Self.withParticipants(meetings, in: db)
        }
    }

    /// Narrows to meetings in one of `states` as of `now`: the conditions `VideoMeeting.state(at:)` reads.
    private static func narrow(_ query: SQLSelectBuilder, to states: [VideoMeeting.State], now: Date) {
        let open = [VideoMeeting.State.notStarted.rawValue, VideoMeeting.State.inProgress.rawValue]
        let seconds = now.unixSeconds
        query.where { group in
            for state in states {
                switch state {
                case .notStarted:
                    group.orWhere { $0.where(Columns.recordedState, .equal, state.rawValue).where(Columns.startsAt, .greaterThan, seconds) }
                case .inProgress:
                    group.orWhere { $0.where(Columns.recordedState, .in, open).where(Columns.endsAt, .greaterThan, seconds)
                        .where { $0.where(Columns.recordedState, .equal, state.rawValue).orWhere(Columns.startsAt, .lessThanOrEqual, seconds) } }
                case .ended:
                    group.orWhere(Columns.recordedState, .equal, state.rawValue)
                        .orWhere { $0.where(Columns.recordedState, .in, open).where(Columns.endsAt, .lessThanOrEqual, seconds) }
                case .endedManually, .cancelled:
                    group.orWhere(Columns.recordedState, .equal, state.rawValue)
                }
            }
            return group
        }
    }

    private static func saveParticipants(_ meeting: VideoMeeting, in db: any SQLDatabase) async throws {
        guard !meeting.participants.isEmpty else { return }
        let insert = db.insert(into: ParticipantColumns.table).columns(
            ParticipantColumns.videoMeetingId, ParticipantColumns.position, ParticipantColumns.staffUserId, ParticipantColumns.email)
        for (position, participant) in meeting.participants.enumerated() {
            insert.values(SQLBind(meeting.id), SQLBind(position), SQLBind(participant.staffId), SQLBind(participant.email))
        }
        try await insert.run()
    }

    /// The meetings with their participants, read in one statement.
    private static func withParticipants(_ meetings: [VideoMeeting], in db: any SQLDatabase) async throws -> [VideoMeeting] {
        guard !meetings.isEmpty else { return meetings }
        let rows = try await db.select().column("*").from(ParticipantColumns.table)
            .where(ParticipantColumns.videoMeetingId, .in, meetings.map(\.id))
            .orderBy(ParticipantColumns.videoMeetingId).orderBy(ParticipantColumns.position).all()
        var participants: [String: [Participant]] = [:]
        for row in rows {
            let id = try row.decode(column: ParticipantColumns.videoMeetingId, as: String.self)
            if let staffId = try row.decode(column: ParticipantColumns.staffUserId, as: String?.self) {
                participants[id, default: []].append(Participant(staffId: staffId))
            } else if let email = try row.decode(column: ParticipantColumns.email, as: String?.self) {
                participants[id, default: []].append(Participant(email: email))
            }
        }
        return meetings.map { meeting in
            var meeting = meeting
            meeting.participants = participants[meeting.id] ?? []
            return meeting
        }
    }
}
