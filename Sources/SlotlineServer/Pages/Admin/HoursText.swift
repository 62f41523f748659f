import Foundation
import SlotlineCore

/// Working hours as a person types them in one field per weekday: `09:00-12:00, 13:00-18:00`,
/// empty for a day off; date exceptions one per line: `2026-12-24 09:00-12:00`, `2026-12-25 closed`.
enum HoursText {
    static func text(_ ranges: [TimeRange]) -> String {
        ranges.map { "\($0.start)-\($0.end)" }.joined(separator: ", ")
    }

    /// `field` names the input, so an error is shown beside it.
    static func ranges(_ text: String, field: String) throws -> [TimeRange] {
        try text.split(whereSeparator: { $0 == "," || $0 == ";" }).compactMap { part in
            let piece = part.trimmingCharacters(in: .whitespaces)
            if piece.isEmpty { return nil }
            let ends = piece.split(whereSeparator: { $0 == "-" || $0 == "–" || $0 == "~" }).map { $0.trimmingCharacters(in: .whitespaces) }
            guard ends.count == 2, let start = LocalTime(ends[0]), let end = LocalTime(ends[1]) else {
                throw SlotlineError.invalid(field, "HH:MM-HH:MM")
            }
            do { return try TimeRange(start: start, end: end) } catch { throw SlotlineError.invalid(field, "HH:MM-HH:MM") }
        }
    }

    static func text(_ exceptions: [DateException]) -> String {
        exceptions.sorted { $0.date < $1.date }
            .map { "\($0.date) " + ($0.ranges.isEmpty ? "closed" : text($0.ranges)) }.joined(separator: "\n")
    }

    static func exceptions(_ text: String, field: String) throws -> [DateException] {
        try text.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
            guard let date = LocalDate(parts[0]) else { throw SlotlineError.invalid(field, "YYYY-MM-DD closed | YYYY-MM-DD HH:MM-HH:MM") }
            let rest = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "closed"
            return DateException(date: date, ranges: ["closed", "off", "休", "休息"].contains(rest.lowercased()) ? [] : try ranges(rest, field: field))
        }
    }
}
