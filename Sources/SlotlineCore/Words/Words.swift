/// The words of one language: every text a person reads (errors, messages, pages) is looked up
/// here by a dotted key such as `error.slot_unavailable`, `message.confirmed.subject` or
/// `manage.when`, so each language lives in one file (`Words+en.swift`, `Words+zh-Hans.swift`,
/// `Words+zh-Hant.swift`) and a page or message exists once for all of them.
///
/// A word may hold `{{name}}` placeholders, filled from the values the caller passes.
public struct Words: Sendable {
    public let language: Language
    private let entries: [String: String]

    public init(_ language: Language) {
        self.language = language
        entries = Self.catalog(language)
    }

    /// Every key and word of one language, as written in its file.
    public static func catalog(_ language: Language) -> [String: String] {
        catalogs[language] ?? [:]
    }

    /// The words of errors, messages and states (`Words+<language>.swift`) with the words of the
    /// pages (`PageWords+<language>.swift`).
    private static let catalogs: [Language: [String: String]] = [
        .en: english.merging(englishPages) { first, _ in first },
        .zhHans: simplifiedChinese.merging(simplifiedChinesePages) { first, _ in first },
        .zhHant: traditionalChinese.merging(traditionalChinesePages) { first, _ in first },
    ]

    /// The word for `key`, placeholders filled from `values`. A key this language lacks falls back
    /// to English and then to the key itself, so a gap shows on the page instead of crashing it;
    /// `WordsCatalogTests` keeps gaps from shipping.
    public subscript(key: String, with values: [String: String] = [:]) -> String {
        let word = entries[key] ?? Self.catalogs[.en]?[key] ?? key
        return values.isEmpty && !word.contains("{{") ? word : Placeholders.fill(word, with: values)
    }

    /// Whether this language (or English, its fallback) has a word for `key`.
    public func has(_ key: String) -> Bool { entries[key] != nil || Self.catalogs[.en]?[key] != nil }

    /// A booking's state as people read it.
    public func state(_ state: BookingState) -> String { self["booking.state.\(state.rawValue)"] }

    /// A video meeting's state as people read it.
    public func videoState(_ state: VideoMeeting.State) -> String { self["video.state.\(state.rawValue)"] }

    /// What a customer asked for (to reschedule, to cancel) as people read it.
    public func request(_ kind: ChangeRequest.Kind) -> String { self["booking.request.\(kind.rawValue)"] }

    /// The words under `prefix`, filled from `values` and nested by the dots of their keys, for a
    /// Mustache context: `message.confirmed.subject` is `{{message.confirmed.subject}}` there.
    public func tree(under prefix: String, with values: [String: String]) -> [String: Any] {
        var tree: [String: Any] = [:]
        for (key, word) in entries where key.hasPrefix(prefix) {
            tree.insert(Placeholders.fill(word, with: values), at: key.split(separator: ".").map(String.init))
        }
        return tree
    }
}

extension [String: Any] {
    /// Sets `value` at the end of `path`, creating the dictionaries on the way.
    fileprivate mutating func insert(_ value: String, at path: [String]) {
        guard let first = path.first else { return }
        if path.count == 1 {
            self[first] = value
        } else {
            var child = self[first] as? [String: Any] ?? [:]
            child.insert(value, at: Array(path.dropFirst()))
            self[first] = child
        }
    }
}
