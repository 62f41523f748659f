/// Days of the week, Monday first (ISO 8601).
public enum Weekday: String, Sendable, Codable, CaseIterable, CodingKeyRepresentable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday
}

/// Replaces the weekly hours on one date; no ranges means closed that day.
public struct DateException: Hashable, Sendable, Codable {
    public var date: LocalDate
    public var ranges: [TimeRange]

    public init(date: LocalDate, ranges: [TimeRange]) {
        self.date = date
        self.ranges = ranges
    }
}

/// When a practitioner works, in the practitioner's own time zone.
public struct Availability: Hashable, Sendable, Codable {
    public var weekly: [Weekday: [TimeRange]]
    public var exceptions: [DateException]

    public init(weekly: [Weekday: [TimeRange]] = [:], exceptions: [DateException] = []) {
        self.weekly = weekly
        self.exceptions = exceptions
    }

    /// Ranges must not overlap within a day, and a date may have one exception only.
    public func validated() throws -> Availability {
        for (day, ranges) in weekly where Self.overlaps(ranges) {
            throw SlotlineError.invalid("weekly.\(day.rawValue)", "ranges overlap")
        }
        var seen = Set<LocalDate>()
        for exception in exceptions {
            guard seen.insert(exception.date).inserted else {
                throw SlotlineError.invalid("exceptions", "\(exception.date) appears twice")
            }
            if Self.overlaps(exception.ranges) {
                throw SlotlineError.invalid("exceptions", "ranges on \(exception.date) overlap")
            }
        }
        return self
    }

    /// The working ranges on one local date: the exception if there is one, else the weekly hours.
    public func ranges(on date: LocalDate, weekday: Weekday) -> [TimeRange] {
        if let exception = exceptions.first(where: { $0.date == date }) { return exception.ranges }
        return weekly[weekday] ?? []
    }

    private static func overlaps(_ ranges: [TimeRange]) -> Bool {
        let sorted = ranges.sorted { $0.start < $1.start }
        return zip(sorted, sorted.dropFirst()).contains { $0.end > $1.start }
    }
}
