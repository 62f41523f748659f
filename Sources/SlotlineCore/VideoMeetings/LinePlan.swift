import Foundation

/// Which line of a pool can carry a meeting over an interval: one whose concurrent meetings stay
/// under its capacity at every moment of it. Built from the lines that may take the meeting and
/// the holds around the interval, read in one statement; decides without further I/O.
public struct LinePlan: Sendable {
    /// A meeting's claim on a line over [startsAt, endsAt).
    public struct Hold: Sendable, Equatable {
        public var lineId: String
        public var startsAt: Date
        public var endsAt: Date

        public init(lineId: String, startsAt: Date, endsAt: Date) {
            self.lineId = lineId
            self.startsAt = startsAt
            self.endsAt = endsAt
        }
    }

    /// What a plan needs of a line: which it is, its provider (whose longest meeting it takes) and
    /// its capacity. Read alone, without the rest of the line, on every allocation.
    public struct Room: Sendable, Equatable {
        public var lineId: String
        public var provider: ProviderKind
        public var capacity: Int

        public init(lineId: String, provider: ProviderKind, capacity: Int) {
            self.lineId = lineId
            self.provider = provider
            self.capacity = capacity
        }
    }

    /// Lines that may take the meeting (enabled, long enough), in the order they are tried.
    public let rooms: [Room]
    private var holds: [String: [Hold]]

    public init(rooms: [Room], holds: [Hold]) {
        self.rooms = rooms
        self.holds = Dictionary(grouping: holds, by: \.lineId)
    }

    /// The first line with room over [start, end), or nil.
    public func line(from start: Date, to end: Date) -> Room? {
        rooms.first { fits($0, from: start, to: end) }
    }

    /// Counts a new hold, so several meetings can be placed in one plan.
    public mutating func add(_ hold: Hold) {
        holds[hold.lineId, default: []].append(hold)
    }

    /// Whether `line` has room over [start, end): the most meetings it carries at any one moment of
    /// the interval stay under its capacity. Meetings that end as another starts do not overlap.
    public func fits(_ line: Room, from start: Date, to end: Date) -> Bool {
        var changes: [(at: Date, by: Int)] = []
        for hold in holds[line.lineId] ?? [] where hold.startsAt < end && hold.endsAt > start {
            changes.append((max(hold.startsAt, start), 1))
            changes.append((hold.endsAt, -1))
        }
        // Ends before starts at the same instant.
        changes.sort { $0.at != $1.at ? $0.at < $1.at : $0.by < $1.by }
        var running = 0
        for change in changes {
            running += change.by
            if running >= line.capacity { return false }
        }
        return true
    }

    /// Up to `count` start times nearest to `start` at which some line has room for `duration`,
    /// none before `notBefore` and none outside `within` of `start`: the moments a line frees up,
    /// and the latest starts that end before a meeting takes one. The plan must hold every hold
    /// that can touch those intervals: those overlapping `within` of `start` on either side.
    public func nearestStarts(to start: Date, duration: TimeInterval, notBefore: Date, within: TimeInterval, count: Int = 3) -> [Date] {
        var candidates: Set<Date> = []
        for hold in holds.values.joined() {
            candidates.insert(hold.endsAt)
            candidates.insert(hold.startsAt.addingTimeInterval(-duration))
        }
        if notBefore > start { candidates.insert(notBefore) }
        let range = max(notBefore, start.addingTimeInterval(-within))...start.addingTimeInterval(within)
        return candidates.filter { range.contains($0) && $0 != start }
            .sorted { abs($0.timeIntervalSince(start)) != abs($1.timeIntervalSince(start))
                ? abs($0.timeIntervalSince(start)) < abs($1.timeIntervalSince(start)) : $0 < $1 }
            .lazy.filter { candidate in line(from: candidate, to: candidate.addingTimeInterval(duration)) != nil }
            .prefix(count).sorted()
    }
}
