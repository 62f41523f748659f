import Foundation

/// Fills the `{{name}}` placeholders of a word: the same syntax as the Mustache templates, without
/// sections, so a word reads alike wherever it is used and Core needs no template engine.
enum Placeholders {
    /// Replaces each `{{name}}` (spaces inside allowed) with `values[name]`, or with nothing when the
    /// value is absent, as Mustache does.
    static func fill(_ word: String, with values: [String: String]) -> String {
        replacing(in: word) { values[$0] ?? "" }
    }

    /// The names a word's placeholders ask for, in order.
    static func names(in word: String) -> [String] {
        var names: [String] = []
        _ = replacing(in: word) { names.append($0); return "" }
        return names
    }

    /// One pass from left to right: a value that itself contains `{{…}}` (a customer may type
    /// anything) is inserted as it is, never filled again.
    private static func replacing(in word: String, _ replacement: (String) -> String) -> String {
        var result = ""
        var rest = word[...]
        while let open = rest.firstRange(of: "{{"), let close = rest[open.upperBound...].firstRange(of: "}}") {
            result += rest[..<open.lowerBound]
            result += replacement(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return result + rest
    }
}
