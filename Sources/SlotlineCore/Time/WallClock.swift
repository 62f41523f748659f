import Foundation

/// Converts between wall-clock times in a time zone and instants, handling DST gaps and overlaps.
/// Pure arithmetic plus `TimeZone.secondsFromGMT(for:)`: fast enough to run for every slot.
public struct WallClock: Sendable {
    public let timeZone: TimeZone

    public init(_ timeZone: TimeZone) { self.timeZone = timeZone }

    /// The instant a wall-clock time names, or nil when the time does not exist (skipped by a DST
    /// change). An ambiguous time (repeated when clocks go back) resolves to its first occurrence.
    public func instant(_ date: LocalDate, _ time: LocalTime) -> Date? {
        let naive = Double(Self.days(from: date) * 86_400 + time.minutes * 60)
        let candidates = [naive - 43_200, naive + 43_200].map { probe -> Double in
            naive - Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: probe)))
        }
        let valid = candidates.filter { candidate in
            candidate + Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: candidate))) == naive
        }
        return valid.min().map { Date(timeIntervalSince1970: $0) }
    }

    /// The one UTC offset (seconds) of every wall time on `date`, or nil when the clocks change
    /// on it or close enough to it that some wall time of the day is a gap, repeated, or converted
    /// across the change. On such a day each wall time is converted with `instant`.
    public func uniformOffset(on date: LocalDate) -> Int? {
        // Instants that can show a wall time of this day lie within 14 hours of the naive day;
        // 15 hours covers them and the probes `instant` makes 12 hours either side.
        let midnight = Double(Self.days(from: date) * 86_400)
        let first = Date(timeIntervalSince1970: midnight - 15 * 3600), last = Date(timeIntervalSince1970: midnight + 39 * 3600)
        if let change = timeZone.nextDaylightSavingTimeTransition(after: first), change <= last { return nil }
        let offset = timeZone.secondsFromGMT(for: first)
        return timeZone.secondsFromGMT(for: last) == offset ? offset : nil
    }

    /// The local date of an instant in this time zone.
    public func localDate(of instant: Date) -> LocalDate {
        let local = Int(floor(instant.timeIntervalSince1970)) + timeZone.secondsFromGMT(for: instant)
        return Self.date(fromDays: Int(floor(Double(local) / 86_400)))
    }

    /// Days since 1970-01-01 (the "days from civil" algorithm, proleptic Gregorian).
    public static func days(from date: LocalDate) -> Int {
        let y = date.month <= 2 ? date.year - 1 : date.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = (date.month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + date.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func date(fromDays days: Int) -> LocalDate {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return LocalDate(year: year, month: month, day: day)!
    }

    public static func weekday(of date: LocalDate) -> Weekday {
        let index = ((days(from: date) + 3) % 7 + 7) % 7  // 1970-01-01 was a Thursday
        return Weekday.allCases[index]
    }
}
