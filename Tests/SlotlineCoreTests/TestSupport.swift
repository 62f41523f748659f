import Foundation
@testable import SlotlineCore

// Small builders so each test reads as setup / call / check. Expected instants are computed with
// Foundation's own ISO 8601 parser, so the code under test is never its own oracle.

/// An instant written as `2026-03-09T09:00:00Z` (or with an offset).
func instant(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("bad test instant \(text)") }
    return date
}

func zone(_ identifier: String) -> TimeZone {
    guard let zone = TimeZone(identifier: identifier) else { fatalError("unknown zone \(identifier)") }
    return zone
}

func day(_ text: String) -> LocalDate {
    guard let date = LocalDate(text) else { fatalError("bad test date \(text)") }
    return date
}

func clockTime(_ text: String) -> LocalTime {
    guard let time = LocalTime(text) else { fatalError("bad test time \(text)") }
    return time
}

func hours(_ start: String, _ end: String) -> TimeRange {
    try! TimeRange(start: clockTime(start), end: clockTime(end))
}

/// The same hours on every day of the week.
func everyDay(_ ranges: [TimeRange]) -> [Weekday: [TimeRange]] {
    Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, ranges) })
}

func slotFinder(
    _ weekly: [Weekday: [TimeRange]], exceptions: [DateException] = [], in timeZone: String = "UTC",
    rules: SlotRules, serviceId: String = "svc-1"
) -> SlotFinder {
    SlotFinder(availability: Availability(weekly: weekly, exceptions: exceptions),
               timeZone: zone(timeZone), rules: rules, serviceId: serviceId)
}

/// Slot start times as the customer in `timeZone` would read them.
func starts(_ slots: [Slot], in timeZone: String = "UTC") -> [String] {
    slots.map { RFC3339.format($0.start, in: zone(timeZone)) }
}

/// A meeting already booked, `start` and `end` as UTC instants.
func busy(_ start: String, _ end: String, before: Int = 0, after: Int = 0,
          serviceId: String? = nil, seats: Int = 1) -> BusyBlock {
    BusyBlock(start: instant(start), end: instant(end), bufferBeforeMinutes: before,
              bufferAfterMinutes: after, serviceId: serviceId, seats: seats)
}
