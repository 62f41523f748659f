import Foundation

/// Checked conversions of what a person or client typed (API bodies, query strings, page forms),
/// each failing with the field it concerns, so every interface refuses the same input the same way.
public enum FieldInput {
    public static func time(_ text: String?, field: String) throws -> Date {
        guard let text else { throw SlotlineError.missing(field) }
        guard let date = RFC3339.parse(text) else { throw SlotlineError.invalid(field, "RFC 3339 time with offset") }
        return date
    }

    public static func timeZone(_ identifier: String?, field: String) throws -> TimeZone {
        guard let identifier else { throw SlotlineError.missing(field) }
        guard let zone = TimeZone(identifier: identifier), !identifier.isEmpty else {
            throw SlotlineError(.invalidTimeZone, field: field, detail: identifier)
        }
        return zone
    }

    public static func text(_ value: String?, field: String, max: Int, required: Bool = false) throws -> String? {
        guard let value else {
            if required { throw SlotlineError.missing(field) }
            return nil
        }
        if required && value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw SlotlineError.invalid(field, "must not be empty") }
        guard value.count <= max else { throw SlotlineError.invalid(field, "at most \(max) characters") }
        return value
    }

    /// One line of text, trimmed: at most `max` characters and no line break; empty is `missing`
    /// when `required`, else "".
    public static func singleLine(_ value: String, field: String, max: Int, required: Bool) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if required, trimmed.isEmpty { throw SlotlineError.missing(field) }
        guard trimmed.count <= max, !trimmed.contains(where: \.isNewline) else {
            throw SlotlineError.invalid(field, "one line of at most \(max) characters")
        }
        return trimmed
    }

    public static func integer(_ query: String?, field: String, range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let query else { return fallback }
        guard let value = Int(query), range.contains(value) else {
            throw SlotlineError.invalid(field, "\(range.lowerBound)–\(range.upperBound)")
        }
        return value
    }
}
