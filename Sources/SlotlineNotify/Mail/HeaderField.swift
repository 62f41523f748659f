/// One header field as unbreakable tokens separated by single spaces, folded before a token when
/// the line would pass 78 characters. Every token is ASCII, so characters count octets.
struct HeaderField: Sendable {
    static let preferredLineLength = 78

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

    /// Free text (Subject, extra headers): plain words when it is short-worded ASCII, else encoded-words.
    static func unstructured(_ name: String, _ value: String) -> HeaderField {
        let clean = singleLine(value)
        let words = wordsKeepingSpaces(clean)
        let plain = clean.unicodeScalars.allSatisfy { $0.isASCII } && !clean.contains("=?")
            && words.allSatisfy { $0.count <= preferredLineLength - 2 }
        return HeaderField(name: name, tokens: clean.isEmpty ? [] : plain ? words : EncodedWord.encode(clean))
    }

    /// The folded field, ending with CRLF.
    var rendered: String {
        var lines: [String] = []
        var line = name + ":"
        var lineHasToken = false
        for token in tokens {
            if lineHasToken, line.utf8.count + 1 + token.utf8.count > Self.preferredLineLength {
                lines.append(line)
                line = ""
            }
            line += " " + token
            lineHasToken = true
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
        return result.trimmingSpaces()
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

extension String {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
