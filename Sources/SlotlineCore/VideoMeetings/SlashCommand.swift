import Foundation

/// What `/meet @alice @bob topic` asks for: the colleagues named (by chat user id where the chat
/// escaped the mention as `<@U123|alice>`, else by name) and the topic, the words that are left.
public struct SlashCommand: Sendable, Equatable {
    public enum Mention: Sendable, Equatable, Hashable {
        case id(String)
        case name(String)
    }

    public var mentions: [Mention]
    public var topic: String

    public init(text: String) {
        var mentions: [Mention] = []
        var words: [Substring] = []
        for word in text.split(whereSeparator: \.isWhitespace) {
            if word.hasPrefix("<@"), word.hasSuffix(">") {
                let inner = word.dropFirst(2).dropLast()
                let id = inner.split(separator: "|", maxSplits: 1).first.map(String.init) ?? ""
                if !id.isEmpty { mentions.append(.id(id)) }
            } else if word.hasPrefix("@"), word.count > 1 {
                mentions.append(.name(String(word.dropFirst()).lowercased()))
            } else {
                words.append(word)
            }
        }
        var seen: Set<Mention> = []
        self.mentions = mentions.filter { seen.insert($0).inserted }
        topic = words.joined(separator: " ")
    }
}
