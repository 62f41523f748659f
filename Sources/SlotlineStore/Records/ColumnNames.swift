import Synchronization
import SQLKit

/// Maps record property names to column names (`startsAt` → `starts_at`), remembering each answer:
/// SQLKit's own conversion inspects every character's Unicode properties on every row.
enum ColumnNames {
    private static let known = Mutex<[String: String]>([:])

    static let strategy: @Sendable ([any CodingKey]) -> any CodingKey = { path in
        Column(stringValue: column(for: path.last?.stringValue ?? ""))
    }

    static func column(for property: String) -> String {
        if let column = known.withLock({ $0[property] }) { return column }
        let column = snakeCase(property)
        known.withLock { $0[property] = column }
        return column
    }

    /// Lower camel case to snake case, an acronym staying one word (`joinURL` → `join_url`).
    static func snakeCase(_ property: String) -> String {
        let characters = Array(property)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if !previous.isUppercase || nextIsLower { result.append("_") }
            }
            result.append(contentsOf: character.lowercased())
        }
        return result
    }

    private struct Column: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
