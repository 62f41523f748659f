import Foundation

/// One header field as unbreakable tokens separated by single spaces, folded before a token when
/// the line would pass 76 characters (RFC 2047's limit for lines with encoded-words, within RFC
/// 5322's 78). Every token is ASCII, so characters count octets.
struct HeaderField: Sendable {
    static let lineLength = 76
    /// Room for a token on a continuation line, after its leading space.
    static let continuationRoom = lineLength - 1

    let name: String
    let tokens: [String]

    /// A field we compose ourselves from ASCII, foldable at its spaces (`multipart/mixed; boundary="…"`).
    init(_ name: String, _ value: String) {
        self.init(name: name, tokens: value.split(separator: " ").map(String.init))
    }

    init(name: String, tokens: [String]) {
        self.name = name
        self.tokens = tokens
    }

    /// Room for the first token, after `Name: `.
    static func firstLineRoom(_ name: String) -> Int { lineLength - name.utf8.count - 2 }

    /// Free text (Subject, extra headers): plain words when it is short-worded ASCII, else encoded-words.
    static func unstructured(_ name: String, _ value: String) -> HeaderField {
        let clean = singleLine(value)
        let words = wordsKeepingSpaces(clean)
        let plain = clean.unicodeScalars.allSatisfy(\.isASCII) && !clean.contains("=?")
            && words.allSatisfy { $0.utf8.count <= continuationRoom }
        let tokens = plain ? words : EncodedWord.encode(clean, firstRoom: firstLineRoom(name))
        return HeaderField(name: name, tokens: clean.isEmpty ? [] : tokens)
    }

    /// The folded field, ending with CRLF. A token too long for the first line starts the second.
    var rendered: String {
        var lines: [String] = []
        var line = name + ":"
        for token in tokens {
            if line.utf8.count + 1 + token.utf8.count > Self.lineLength {
                lines.append(line)
                line = ""
            }
            line += " " + token
        }
        lines.append(line)
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Header text has no line breaks: they and tabs become spaces, other controls go, ends are trimmed.
    static func singleLine(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar == "\r" || scalar == "\n" || scalar == "\t" {
                result += " "
            } else if scalar.value >= 0x20, scalar.value != 0x7F {
                result.unicodeScalars.append(scalar)
            }
        }
        return result.trimmingCharacters(in: .whitespaces)
    }

    /// Splits on single spaces, keeping extra spaces at the front of the next word so that
    /// unfolding gives back the text exactly and no folded line is only whitespace.
    static func wordsKeepingSpaces(_ text: String) -> [String] {
        var words: [String] = []
        var spaces = ""
        for part in text.split(separator: " ", omittingEmptySubsequences: false) {
            if part.isEmpty {
                spaces += " "
            } else {
                words.append(spaces + part)
                spaces = ""
            }
        }
        return words
    }
}
