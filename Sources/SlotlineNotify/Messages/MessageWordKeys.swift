import SlotlineCore

/// The words a message template asks for: every `{{message.…}}` tag names a key of the `Words`
/// catalog. Checked when the templates load, so a misspelt key stops the server at start instead
/// of leaving a blank line in a message.
enum MessageWordKeys {
    static let tags = WordTags(prefix: "message.")

    static func check(_ source: String, file: String) throws {
        if let (key, language) = tags.firstMissing(in: source) {
            throw MessageTemplateError(.templateInvalid, file: file,
                                       message: "uses the word \(key), which the \(language.rawValue) catalog lacks")
        }
    }

    /// `source` with every `{{message.…}}` variable replaced by its word as written, whose own
    /// `{{name}}` placeholders are then Mustache variables filled from the message's values.
    static func writingIn(_ language: Language, into source: String) -> String {
        tags.writingIn(language, into: source)
    }
}
