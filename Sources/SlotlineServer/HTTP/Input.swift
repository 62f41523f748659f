import Foundation
import Hummingbird
import SlotlineCore

/// Checked conversions of request values, each failing with the field it concerns.
enum Input {
    static func time(_ text: String?, field: String) throws -> Date {
        guard let text else { throw SlotlineError.missing(field) }
        guard let date = RFC3339.parse(text) else { throw SlotlineError.invalid(field, "RFC 3339 time with offset") }
        return date
    }

    static func timeZone(_ identifier: String?, field: String) throws -> TimeZone {
        guard let identifier else { throw SlotlineError.missing(field) }
        guard let zone = TimeZone(identifier: identifier), !identifier.isEmpty else {
            throw SlotlineError(.invalidTimeZone, field: field, detail: identifier)
        }
        return zone
    }

    static func text(_ value: String?, field: String, max: Int, required: Bool = false) throws -> String? {
        guard let value else {
            if required { throw SlotlineError.missing(field) }
            return nil
        }
        if required && value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw SlotlineError.invalid(field, "must not be empty") }
        guard value.count <= max else { throw SlotlineError.invalid(field, "at most \(max) characters") }
        return value
    }

    static func integer(_ query: String?, field: String, range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let query else { return fallback }
        guard let value = Int(query), range.contains(value) else {
            throw SlotlineError.invalid(field, "\(range.lowerBound)–\(range.upperBound)")
        }
        return value
    }
}

extension Parameters {
    /// The one way to read a path parameter: present and non-empty, or a 400 naming it.
    func require(_ name: String = "id") throws -> String {
        guard let value = get(name), !value.isEmpty else { throw SlotlineError.missing(name) }
        return value
    }

    /// A path parameter read as `T` (a number, an enum's raw value): a 400 naming it when it is not one.
    func require<T: LosslessStringConvertible>(_ name: String, as type: T.Type) throws -> T {
        guard let value = T(try require(name)) else { throw SlotlineError.invalid(name) }
        return value
    }
}
