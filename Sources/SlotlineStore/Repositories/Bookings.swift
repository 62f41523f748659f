import Foundation
import SlotlineCore
import SQLKit

private typealias Columns = BookingRecord.Columns

/// The staff list tabs of SPEC §7.
public enum BookingTab: String, Sendable, CaseIterable {
    /// Waiting for staff: acceptance, or a decision on a customer's change request.
    case pending
    /// Held until the customer pays (staff mark it paid).
    case awaitingPayment = "awaiting_payment"
    case upcoming
    case past
    case cancelled
}

/// Narrows a tab: one practitioner, one service, starts within a range.
public struct BookingFilter: Sendable, Equatable {
    public var practitionerId: String?
    public var serviceId: String?
    public var from: Date?
    public var to: Date?

    public init(practitionerId: String? = nil, serviceId: String? = nil, from: Date? = nil, to: Date? = nil) {
        self.practitionerId = practitionerId
        self.serviceId = serviceId
        self.from = from
        self.to = to
    }
}

public struct Bookings: Sendable {
    let database: Access

    public func find(id: String, workspaceId: String) async throws -> Booking? {
        try await database.read { db in try await Self.find(id: id, workspaceId: workspaceId, in: db) }
    }

    public func find(manageToken token: String) async throws -> Booking? {
        try await database.read { db in
            try await db.select().column("*").from(BookingRecord.table).where(Columns.manageTokenHash, .equal, Secrets.hash(token))
                .first()?.record(BookingRecord.self).booking
        }
    }

    public func list(workspaceId: String, tab: BookingTab, now: Date, limit: Int, offset: Int,
                     filter: BookingFilter = BookingFilter()) async throws -> [Booking] {
        try await database.read { db in
            let query = db.select().column("*").from(BookingRecord.table).where(Columns.workspaceId, .equal, workspaceId)
            Self.narrow(query, to: tab, now: now)
            Self.narrow(query, filter: filter)
            switch tab {
            case .pending, .awaitingPayment, .upcoming: query.orderBy(Columns.startsAt)
            case .past, .cancelled: query.orderBy(Columns.startsAt, .descending)
            }
            return try await query.orderBy(Columns.id).limit(limit).offset(offset).all().map { try $0.record(BookingRecord.self).booking }
        }
    }

    /// Past this many, a tab's count reads `countLimit + 1` (shown as "100+"): counting a long history
    /// row by row would cost more than the page that shows it.
    public static let countLimit = 100

    /// How many bookings each tab holds within the filter, up to `countLimit + 1`; one statement
    /// whose every part reads an index.
    public func counts(workspaceId: String, now: Date, filter: BookingFilter = BookingFilter()) async throws -> [BookingTab: Int] {
        try await database.read { db in
            let query = db.select()
            for tab in BookingTab.allCases {
                for (index, part) in Self.parts(of: tab, now: now).enumerated() {
                    query.column(Self.capped(workspaceId: workspaceId, filter: filter, part), as: "\(tab.rawValue)_\(index)")
                }
            }
            guard let row = try await query.first() else { return [:] }
            var counts: [BookingTab: Int] = [:]
            for tab in BookingTab.allCases {
                let parts = try Self.parts(of: tab, now: now).indices.map { try row.decode(column: "\(tab.rawValue)_\($0)", as: Int.self) }
                counts[tab] = min(Self.countLimit + 1, parts.reduce(0, +))
            }
            return counts
        }
    }

    /// `(SELECT COUNT(*) FROM (SELECT 1 … LIMIT countLimit + 1))`: a count that stops early.
    private static func capped(workspaceId: String, filter: BookingFilter,
                               _ part: (any SQLPredicateBuilder) -> Void) -> some SQLExpression {
        SQLSubquery.select { count in
            count.column(SQLFunction("COUNT", args: SQLLiteral.all)).from(SQLSubquery.select { rows in
                rows.column(SQLLiteral.numeric("1")).from(BookingRecord.table).where(Columns.workspaceId, .equal, workspaceId)
                part(rows)
                Self.narrow(rows, filter: filter)
                return rows.limit(countLimit + 1)
            }, as: SQLIdentifier("capped"))
        }
    }

    /// The rows of one tab: the union of its parts.
    private static func narrow(_ query: any SQLPredicateBuilder, to tab: BookingTab, now: Date) {
        let parts = parts(of: tab, now: now)
        if parts.count == 1 { return parts[0](query) }
        query.where { any in
            for part in parts { any.orWhere { one in part(one); return one } }
            return any
        }
    }

    /// A tab's bookings as conditions that never overlap, each able to read an index of its own: one
    /// for most tabs; "Pending" is the pending bookings and those asking for a change (few, with an
    /// index of their own). The list reads their union, the counts add them up.
    private static func parts(of tab: BookingTab, now: Date) -> [(any SQLPredicateBuilder) -> Void] {
        let state = Columns.state
        switch tab {
        case .pending:
            let pending = BookingState.pending.rawValue
            return [{ $0.where(state, .equal, pending) },
                    { $0.where(Columns.requestKind, .isNot, SQLLiteral.null).where(state, .notEqual, pending) }]
        case .awaitingPayment:
            return [{ $0.where(state, .equal, BookingState.awaitingPayment.rawValue) }]
        case .upcoming:
            // A booking that has not ended started at most the longest duration ago: the index skips the past.
            return [{ $0.where(state, .equal, BookingState.confirmed.rawValue).where(Columns.endsAt, .greaterThanOrEqual, now.unixSeconds)
                        .where(Columns.startsAt, .greaterThanOrEqual, now.unixSeconds - Int64(Service.longestDurationMinutes) * 60) }]
        case .past:
            return [{ $0.where(state, .equal, BookingState.confirmed.rawValue).where(Columns.endsAt, .lessThan, now.unixSeconds) }]
        case .cancelled:
            return [{ $0.where(state, .in, [BookingState.cancelled, .declined, .expired].map(\.rawValue)) }]
        }
    }

    private static func narrow(_ query: any SQLSubqueryClauseBuilder, filter: BookingFilter) {
        if let practitionerId = filter.practitionerId { query.where(Columns.practitionerId, .equal, practitionerId) }
        if let serviceId = filter.serviceId { query.where(Columns.serviceId, .equal, serviceId) }
        if let from = filter.from { query.where(Columns.startsAt, .greaterThanOrEqual, from.unixSeconds) }
        if let to = filter.to { query.where(Columns.startsAt, .lessThan, to.unixSeconds) }
    }

    /// Confirmed seats of one group session time: while any is left, the session's meeting stays.
    public func confirmedSeats(serviceId: String, practitionerId: String, startsAt: Date, workspaceId: String) async throws -> Int {
        try await database.read { db in
            let query = db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: Columns.seats).from(BookingRecord.table)
                .where(Columns.workspaceId, .equal, workspaceId).where(Columns.state, .equal, BookingState.confirmed.rawValue)
            return try await Self.session(query, serviceId: serviceId, practitionerId: practitionerId, startsAt: startsAt)
                .first()?.decode(column: Columns.seats, as: Int.self) ?? 0
        }
    }

    /// The confirmed bookings a meeting serves: its one booking, or the seats of its session.
    public func confirmed(in group: Meeting.Group, workspaceId: String) async throws -> [Booking] {
        try await database.read { db in
            let query = db.select().column("*").from(BookingRecord.table)
                .where(Columns.workspaceId, .equal, workspaceId).where(Columns.state, .equal, BookingState.confirmed.rawValue)
            switch group {
            case .booking(let id):
                query.where(Columns.id, .equal, id)
            case .session(let serviceId, let practitionerId, let startsAt):
                Self.session(query, serviceId: serviceId, practitionerId: practitionerId, startsAt: startsAt)
            case .video:
                return []
            }
            return try await query.orderBy(Columns.id).all().map { try $0.record(BookingRecord.self).booking }
        }
    }

    /// Narrows `query` to the seats of one group session time.
    @discardableResult
    private static func session(_ query: SQLSelectBuilder, serviceId: String, practitionerId: String, startsAt: Date) -> SQLSelectBuilder {
        query.where(Columns.serviceId, .equal, serviceId).where(Columns.practitionerId, .equal, practitionerId)
            .where(Columns.startsAt, .equal, startsAt.unixSeconds)
    }

    /// The bookings that hold slots in any of `windows`, by practitioner (see the static `busy`).
    public func busy(in windows: [BusyWindow], now: Date, excluding excluded: String? = nil) async throws -> [String: [BusyBlock]] {
        try await database.read { db in try await Self.busy(in: windows, now: now, excluding: excluded, in: db) }
    }

    /// Inserts new bookings in one statement, each with the hash of the manage token its customer keeps.
    public func insert(_ bookings: [Booking], manageTokenHashes: [String]) async throws {
        guard !bookings.isEmpty else { return }
        try await database.write { db in try await Self.insert(bookings, manageTokenHashes: manageTokenHashes, in: db) }
    }

    public func update(_ booking: Booking) async throws {
        try await database.write { db in try await Self.update(booking, in: db) }
    }

    /// Locks a booking's row until the transaction ends (PostgreSQL), so concurrent changes of it queue.
    public func lock(id: String) async throws {
        try await database.read { db in try await database.lockRow(db, table: BookingRecord.table, id: id) }
    }

    static func find(id: String, workspaceId: String, in db: any SQLDatabase) async throws -> Booking? {
        try await db.select().column("*").from(BookingRecord.table)
            .where(Columns.id, .equal, id).where(Columns.workspaceId, .equal, workspaceId)
            .first()?.record(BookingRecord.self).booking
    }

    /// Longest time one booking can block (a day-long meeting with 8-hour buffers), which bounds the index scan.
    static let longestBlock: Int64 = 2 * 86_400

    /// The bookings that hold slots in any of `windows`, by practitioner, in one statement. Reads
    /// only the windows, through the (practitioner_id, block_start) index, however many bookings
    /// exist elsewhere; overlapping windows of a practitioner are read once.
    static func busy(in windows: [BusyWindow], now: Date, excluding excluded: String? = nil,
                     in db: any SQLDatabase) async throws -> [String: [BusyBlock]] {
        let merged = BusyWindow.merged(windows)
        guard !merged.isEmpty else { return [:] }
        var query = db.select()
            .columns(Columns.practitionerId, Columns.startsAt, Columns.endsAt, Columns.bufferBeforeMinutes, Columns.bufferAfterMinutes,
                     Columns.serviceId, Columns.seats)
            .from(BookingRecord.table)
            .where { any in
                for window in merged {
                    any.orWhere { one in
                        one.where(Columns.practitionerId, .equal, window.practitionerId)
                            .where(Columns.blockStart, .lessThan, window.to.unixSeconds)
                            .where(Columns.blockStart, .greaterThanOrEqual, window.from.unixSeconds - longestBlock)
                            .where(Columns.blockEnd, .greaterThan, window.from.unixSeconds)
                    }
                }
                return any
            }
            .where { Self.holdingSlot($0, now: now) }
        if let excluded { query = query.where(Columns.id, .notEqual, excluded) }
        var found: [String: [BusyBlock]] = [:]
        for row in try await query.all() {
            found[try row.decode(column: Columns.practitionerId, as: String.self), default: []].append(
                BusyBlock(start: Date(unixSeconds: try row.decode(column: Columns.startsAt, as: Int64.self)),
                          end: Date(unixSeconds: try row.decode(column: Columns.endsAt, as: Int64.self)),
                          bufferBeforeMinutes: try row.decode(column: Columns.bufferBeforeMinutes, as: Int.self),
                          bufferAfterMinutes: try row.decode(column: Columns.bufferAfterMinutes, as: Int.self),
                          serviceId: try row.decode(column: Columns.serviceId, as: String.self),
                          seats: try row.decode(column: Columns.seats, as: Int.self)))
        }
        return found
    }

    static func insert(_ booking: Booking, manageTokenHash: String, in db: any SQLDatabase) async throws {
        try await insert([booking], manageTokenHashes: [manageTokenHash], in: db)
    }

    /// Inserts bookings in one statement.
    static func insert(_ bookings: [Booking], manageTokenHashes: [String], in db: any SQLDatabase) async throws {
        let records = zip(bookings, manageTokenHashes).map { BookingRecord(booking: $0, manageTokenHash: $1) }
        try await db.insert(into: BookingRecord.table).records(records).run()
    }

    /// Bookings that keep their slot (and line) now: pending, confirmed, or unpaid within the payment window.
    private static func holdingSlot(_ group: SQLPredicateGroupBuilder, now: Date) -> SQLPredicateGroupBuilder {
        group.where(Columns.state, .in, [BookingState.pending.rawValue, BookingState.confirmed.rawValue])
            .orWhere { unpaid in
                unpaid.where(Columns.state, .equal, BookingState.awaitingPayment.rawValue)
                    .where(Columns.holdExpiresAt, .greaterThan, now.unixSeconds)
            }
    }

    /// What pool bookings take of `lineIds` over `interval` (none lasts longer than `longest`): their
    /// meeting time, while they keep their slot.
    public func lineHolds(lineIds: [String], overlapping interval: DateInterval, longest: TimeInterval, now: Date,
                          excluding excluded: String? = nil) async throws -> [LinePlan.Hold] {
        guard !lineIds.isEmpty else { return [] }
        return try await database.read { db in
            let query = db.select().columns(Columns.lineId, Columns.startsAt, Columns.endsAt).from(BookingRecord.table)
                .where(Columns.lineId, .in, lineIds)
                .where(Columns.startsAt, .greaterThanOrEqual, interval.start.addingTimeInterval(-longest).unixSeconds)
                .where(Columns.startsAt, .lessThan, interval.end.unixSeconds).where(Columns.endsAt, .greaterThan, interval.start.unixSeconds)
                .where { Self.holdingSlot($0, now: now) }
            if let excluded { query.where(Columns.id, .notEqual, excluded) }
            return try await query.all().map { row in
                LinePlan.Hold(lineId: try row.decode(column: Columns.lineId, as: String.self),
                              startsAt: Date(unixSeconds: try row.decode(column: Columns.startsAt, as: Int64.self)),
                              endsAt: Date(unixSeconds: try row.decode(column: Columns.endsAt, as: Int64.self)))
            }
        }
    }

    static func update(_ booking: Booking, in db: any SQLDatabase) async throws {
        try await db.update(BookingRecord.table)
            .set(record: BookingRecord(booking: booking, manageTokenHash: ""),
                 keeping: [Columns.id, Columns.workspaceId, Columns.createdAt, Columns.manageTokenHash])
            .where(Columns.id, .equal, booking.id).where(Columns.workspaceId, .equal, booking.workspaceId).run()
    }
}
