import Foundation
import Hummingbird
import SlotlineCore

/// The fields of a submitted HTML form (`application/x-www-form-urlencoded`).
struct FormData: Sendable {
    private let fields: [(name: String, value: String)]

    init(fields: [(name: String, value: String)]) { self.fields = fields }

    /// `a=1&b=x+y` as sent by a browser: `+` is a space, then percent-decoding.
    init(encoded: String) {
        fields = encoded.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            guard let name = parts.first.map(decode), !name.isEmpty else { return nil }
            return (name, parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    static func read(_ request: Request, context: SlotlineContext) async throws -> FormData {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        return FormData(encoded: String(buffer: body))
    }

    /// The first value of `name`, trimmed; nil when absent or blank.
    subscript(name: String) -> String? {
        guard let value = fields.first(where: { $0.name == name })?.value.trimmingCharacters(in: .whitespacesAndNewlines),
              !value.isEmpty else { return nil }
        return value
    }

    /// Every value of `name` (repeated fields and multiple selects), in order.
    func all(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    /// The fields as typed, for a form shown again with an error.
    var values: [String: String] { Dictionary(fields.map { ($0.name, $0.value) }) { first, _ in first } }

    /// Every field's values in order, for checkbox groups shown again.
    var lists: [String: [String]] { Dictionary(grouping: fields, by: \.name).mapValues { $0.map(\.value) } }

    /// A whole number typed in `name`; `invalid_parameter` on that field otherwise.
    func integer(_ name: String, range: ClosedRange<Int> = 0...1_000_000) throws -> Int? {
        guard let text = self[name] else { return nil }
        guard let value = Int(text), range.contains(value) else { throw SlotlineError.invalid(name, "\(range.lowerBound)–\(range.upperBound)") }
        return value
    }

    /// A checkbox: present when checked.
    func flag(_ name: String) -> Bool { self[name] != nil }
}
