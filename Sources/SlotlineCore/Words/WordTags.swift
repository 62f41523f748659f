import Foundation

/// The words a template names by key: every `{{message.…}}` tag of a message template and every
/// `{{page.…}}` tag of a page template is a key of the `Words` catalog. The words are written into
/// a copy of the template per language when it loads, so rendering looks up only the values; a
/// word's own `{{name}}` placeholders become variables of the template.
public struct WordTags: Sendable {
    /// The namespace that marks a tag as a word, with its dot: `message.` or `page.`.
    public let prefix: String

    public init(prefix: String) { self.prefix = prefix }

    /// The keys `source` uses, in order, from any kind of tag (`{{page.x}}`, `{{#page.x}}`, …).
    public func keys(in source: String) -> [String] {
        source.matches(of: pattern(sectionTags: true)).compactMap { $0.output[1].substring.map(String.init) }
    }

    /// The first key `source` uses that some language lacks, with that language.
    public func firstMissing(in source: String) -> (key: String, language: Language)? {
        for key in keys(in: source) {
            for language in Language.allCases where Words.catalog(language)[key] == nil { return (key, language) }
        }
        return nil
    }

    /// `source` with every variable tag of this namespace replaced by its word of `language`,
    /// passed through `escape` (HTML pages escape the word's text; plain-text messages do not).
    public func writingIn(_ language: Language, into source: String, escape: (String) -> String = { $0 }) -> String {
        let words = Words.catalog(language)
        return source.replacing(pattern(sectionTags: false)) { match in
            escape(match.output[1].substring.flatMap { words[String($0)] } ?? "")
        }
    }

    private func pattern(sectionTags: Bool) -> Regex<AnyRegexOutput> {
        let sigil = sectionTags ? #"[#^\/&>]?"# : ""
        let escapedPrefix = prefix.replacingOccurrences(of: ".", with: #"\."#)
        return try! Regex(#"\{\{\s*"# + sigil + #"\s*("# + escapedPrefix + #"[A-Za-z0-9_.\-]+)\s*\}\}"#)
    }
}
