import Foundation
import SlotlineCore
import SlotlineStore

/// Finds a line of a workspace's pool with room over an interval, counting both what takes lines:
/// video meetings and the bookings of pool services. Callers hold the pool's lock when they take
/// the line (`Lines.lockPool`); reads that only offer times do not.
struct LineAllocator: Sendable {
    let limits: DurationLimits

    /// How far around a refused start the nearest free starts are sought.
    static let suggestionSpan: TimeInterval = 86_400

    /// What may be excluded from the holds: the meeting or booking being moved.
    struct Excluding: Sendable {
        var meetingId: String?
        var bookingId: String?

        static let nothing = Excluding()
    }

    /// The enabled lines (or only `among`, when given) whose provider allows `minutes`; `invalid_parameter`
    /// (`duration`) when the pool has lines but none of them allows it.
    func eligibleLines(workspaceId: String, minutes: Int, among: Set<String>? = nil, in tx: Repositories) async throws -> [LinePlan.Room] {
        let rooms = try await tx.lines.rooms(workspaceId: workspaceId).filter { among?.contains($0.lineId) != false }
        let eligible = rooms.filter { limits.minutes(for: $0.provider) >= minutes }
        if !rooms.isEmpty, eligible.isEmpty { throw SlotlineError.invalid("duration") }
        return eligible
    }

    /// Every hold on `lines` during `window`.
    func plan(_ lines: [LinePlan.Room], covering window: DateInterval, now: Date, excluding: Excluding = .nothing, adding extra: [LinePlan.Hold] = [],
              in tx: Repositories) async throws -> LinePlan {
        let ids = lines.map(\.lineId)
        let longest = Double(max(limits.longestMinutes, Service.longestDurationMinutes)) * 60
        let meetings = try await tx.videoMeetings.holds(lineIds: ids, overlapping: window, longest: longest, excluding: excluding.meetingId)
        let bookings = try await tx.bookings.lineHolds(lineIds: ids, overlapping: window, longest: longest, now: now, excluding: excluding.bookingId)
        return LinePlan(rooms: lines, holds: meetings + bookings + extra)
    }

    /// The first of `lines` with room over [start, end); when none has room, `no_free_line` with the
    /// nearest starts at which one has.
    func line(among lines: [LinePlan.Room], from start: Date, to end: Date, now: Date, excluding: Excluding = .nothing,
              adding extra: [LinePlan.Hold] = [], in tx: Repositories) async throws -> LinePlan.Room {
        let narrow = try await plan(lines, covering: DateInterval(start: start, end: end), now: now, excluding: excluding, adding: extra, in: tx)
        if let line = narrow.line(from: start, to: end) { return line }
        let duration = end.timeIntervalSince(start)
        let around = DateInterval(start: start.addingTimeInterval(-Self.suggestionSpan), end: end.addingTimeInterval(Self.suggestionSpan))
        let wide = try await plan(lines, covering: around, now: now, excluding: excluding, adding: extra, in: tx)
        throw SlotlineError(.noFreeLine, field: "startsAt",
                            nearestStarts: wide.nearestStarts(to: start, duration: duration, notBefore: now, within: Self.suggestionSpan))
    }
}
