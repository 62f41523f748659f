import SlotlineCore

/// The words a message template asks for: every `{{message.…}}` tag names a key of the `Words`
/// catalog. Checked when the templates load, so a misspelt key stops the server at start instead
/// of leaving a blank line in a message.
enum MessageWordKeys {
    /// The keys `source` uses, in order, from any kind of tag (`{{message.x}}`, `{{#message.x}}`, …).
    static func keys(in source: String) -> [String] {
        source.matches(of: #/\{\{\s*[#^\/&>]?\s*(message\.[A-Za-z0-9_.\-]+)\s*\}\}/#).map { String($0.output.1) }
    }

    static func check(_ source: String, file: String) throws {
        for key in keys(in: source) {
            for language in Language.allCases where Words.catalog(language)[key] == nil {
                throw MessageTemplateError(.templateInvalid, file: file,
                                           message: "uses the word \(key), which the \(language.rawValue) catalog lacks")
            }
        }
    }

    /// `source` with every `{{message.…}}` variable replaced by its word as written, whose own
    /// `{{name}}` placeholders are then Mustache variables filled from the message's values.
    static func writingIn(_ words: [String: String], into source: String) -> String {
        source.replacing(#/\{\{\s*(message\.[A-Za-z0-9_.\-]+)\s*\}\}/#) { match in words[String(match.output.1)] ?? "" }
    }
}
