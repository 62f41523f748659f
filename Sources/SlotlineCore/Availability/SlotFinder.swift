import Foundation

/// Computes the bookable start times of one practitioner for one service, and checks a chosen one.
/// Start times come from the practitioner's hours in the practitioner's time zone; they are
/// instants, so showing them in the customer's zone never moves them.
public struct SlotFinder: Sendable {
    public let availability: Availability
    public let clock: WallClock
    public let rules: SlotRules
    public let serviceId: String

    public init(availability: Availability, timeZone: TimeZone, rules: SlotRules, serviceId: String) {
        self.availability = availability
        self.clock = WallClock(timeZone)
        self.rules = rules
        self.serviceId = serviceId
    }

    /// Free start times in `[from, to)`, honouring notice, advance window, buffers and seats.
    public func slots(from: Date, to: Date, now: Date, busy: [BusyBlock], seats: Int = 1) -> [Slot] {
        let earliest = max(from, now.addingTimeInterval(Double(rules.minimumNoticeMinutes) * 60))
        let latest = min(to, now.addingTimeInterval(Double(rules.maximumAdvanceDays) * 86_400))
        guard earliest < latest else { return [] }
        let index = BusyIndex(busy)
        return candidates(from: earliest, to: latest).compactMap { start in
            let left = seatsLeft(at: start, in: index)
            guard left >= seats else { return nil }
            return Slot(start: start, end: end(of: start), seatsLeft: left)
        }
    }

    /// Throws the reason a start time cannot be booked now, or returns the seats left after booking.
    /// `enforceWindow` is false for staff, who may book at short notice or far ahead.
    @discardableResult
    public func check(start: Date, now: Date, busy: [BusyBlock], seats: Int = 1, enforceWindow: Bool = true) throws -> Int {
        let day: Double = 86_400
        // Only the wall time the practitioner's clock shows at `start` can name it.
        let shown = start.timeIntervalSince1970 + Double(clock.timeZone.secondsFromGMT(for: start))
        guard candidates(from: start, to: start.addingTimeInterval(1), walls: shown..<shown + 1).contains(start) else {
            throw offGrid(start) ?? SlotlineError(.outsideAvailability, field: "startsAt")
        }
        if enforceWindow {
            if start < now.addingTimeInterval(Double(rules.minimumNoticeMinutes) * 60) {
                throw SlotlineError(.tooSoon, field: "startsAt", detail: rules.minimumNoticeMinutes > 0 ? "\(rules.minimumNoticeMinutes) min" : nil)
            }
            // Half-open like the window `slots` offers, so both agree on its last instant.
            if start >= now.addingTimeInterval(Double(rules.maximumAdvanceDays) * day) {
                throw SlotlineError(.tooFarAhead, field: "startsAt", detail: "\(rules.maximumAdvanceDays) d")
            }
        }
        let left = seatsLeft(at: start, in: BusyIndex(busy))
        guard left >= seats else { throw SlotlineError(.slotUnavailable, field: "startsAt") }
        return left - seats
    }

    /// A start within the hours but between two offered start times (09:15 where 09:00 and 09:30
    /// are offered): the error names the two, so the person can pick one. Nil when `start` is
    /// outside the hours altogether. Only computed for a refused start, so its cost is off the hot path.
    private func offGrid(_ start: Date) -> SlotlineError? {
        let around = candidates(from: start.addingTimeInterval(-86_400), to: start.addingTimeInterval(86_400))
        guard let before = around.last(where: { $0 < start }), let after = around.first(where: { $0 > start }),
              after.timeIntervalSince(before) <= Double(rules.slotIntervalMinutes) * 60 else { return nil }
        let nearest = [before, after].map { RFC3339.format($0, in: clock.timeZone) }.joined(separator: ", ")
        return SlotlineError(.offSlotGrid, field: "startsAt", detail: nearest)
    }

    public func end(of start: Date) -> Date { start.addingTimeInterval(Double(rules.durationMinutes) * 60) }

    /// Every start time the hours allow in `[from, to)`, ascending, before any booking is considered.
    /// `walls` narrows the wall times (seconds since 1970 on the practitioner's clock) worth converting.
    func candidates(from: Date, to: Date, walls: Range<Double>? = nil) -> [Date] {
        var result: [Date] = []
        let firstDay = WallClock.days(from: clock.localDate(of: from)) - 1
        let lastDay = WallClock.days(from: clock.localDate(of: to)) + 1
        let duration = Double(rules.durationMinutes) * 60
        // No zone is more than 14 hours from UTC: a wall time further than that from the window
        // cannot name an instant inside it, so its time-zone lookup is skipped.
        let reach: Double = 15 * 3600
        let lowest = walls?.lowerBound ?? from.timeIntervalSince1970 - reach
        let highest = walls?.upperBound ?? to.timeIntervalSince1970 + reach
        for dayNumber in firstDay...lastDay {
            let date = WallClock.date(fromDays: dayNumber)
            let midnight = Double(dayNumber) * 86_400
            let ranges = availability.ranges(on: date, weekday: WallClock.weekday(of: date)).sorted(by: { $0.start < $1.start })
                .filter { midnight + Double($0.end.minutes) * 60 >= lowest && midnight + Double($0.start.minutes) * 60 < highest }
            guard !ranges.isEmpty else { continue }
            // Most days have one offset throughout: their wall times convert by subtraction.
            let offset = clock.uniformOffset(on: date).map(Double.init)
            for range in ranges {
                guard let rangeEnd = offset.map({ Date(timeIntervalSince1970: midnight + Double(range.end.minutes) * 60 - $0) })
                        ?? endInstant(date, range.end) else { continue }
                var minute = range.start.minutes
                while minute < range.end.minutes {
                    defer { minute += rules.slotIntervalMinutes }
                    let naive = midnight + Double(minute) * 60
                    guard naive >= lowest, naive < highest else { continue }
                    guard let start = offset.map({ Date(timeIntervalSince1970: naive - $0) }) ?? clock.instant(date, LocalTime(minutes: minute)!) else {
                        continue
                    }
                    guard start.addingTimeInterval(duration) <= rangeEnd else { break }
                    if start >= from && start < to { result.append(start) }
                }
            }
        }
        return result
    }

    /// The instant a range ends; a range ending in a DST gap ends where the gap ends.
    private func endInstant(_ date: LocalDate, _ time: LocalTime) -> Date? {
        if time.minutes == 1440 {
            // The next midnight may itself fall in a gap (Santiago springs forward at 00:00).
            return endInstant(WallClock.date(fromDays: WallClock.days(from: date) + 1), LocalTime(minutes: 0)!)
        }
        var minutes = time.minutes
        while minutes <= 1440 {
            if let instant = clock.instant(date, LocalTime(minutes: minutes)!) { return instant }
            minutes += 15
        }
        return nil
    }

    private func seatsLeft(at start: Date, in index: BusyIndex) -> Int {
        let end = end(of: start)
        let blockStart = start.addingTimeInterval(-Double(rules.bufferBeforeMinutes) * 60)
        let blockEnd = end.addingTimeInterval(Double(rules.bufferAfterMinutes) * 60)
        var taken = 0
        for other in index.near(blockStart, blockEnd) {
            // Each side's buffers keep the other's meeting away; buffers may touch each other.
            let clashes = (other.start < blockEnd && other.end > blockStart)
                || (other.blockStart < end && other.blockEnd > start)
            guard clashes else { continue }
            if rules.capacity > 1, other.serviceId == serviceId, other.start == start {
                taken += other.seats
            } else {
                return 0
            }
        }
        return max(0, rules.capacity - taken)
    }
}

/// Busy blocks sorted by start, so each candidate looks only at its neighbours.
struct BusyIndex {
    private let blocks: [BusyBlock]
    private let longest: TimeInterval

    init(_ busy: [BusyBlock]) {
        blocks = busy.sorted { $0.blockStart < $1.blockStart }
        longest = busy.map { $0.blockEnd.timeIntervalSince($0.blockStart) }.max() ?? 0
    }

    /// Blocks that may overlap `[from, to)`.
    func near(_ from: Date, _ to: Date) -> ArraySlice<BusyBlock> {
        let lower = from.addingTimeInterval(-longest)
        var low = 0, high = blocks.count
        while low < high {
            let mid = (low + high) / 2
            if blocks[mid].blockStart < lower { low = mid + 1 } else { high = mid }
        }
        var upper = low
        while upper < blocks.count && blocks[upper].blockStart < to { upper += 1 }
        return blocks[low..<upper]
    }
}
