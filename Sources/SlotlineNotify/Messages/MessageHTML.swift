import SlotlineCore

/// The HTML part of a message, made from its rendered plain text so both parts always say the same:
/// blank-line-separated blocks become paragraphs, lines within one become `<br>`, web addresses
/// become links, and everything is escaped exactly once, here, by `HTML.escaped`.
enum MessageHTML {
    static func document(subject: String, text: String, language: Language) -> String {
        let paragraphs = text.split(separator: "\n\n").map { block in
            let lines = block.split(separator: "\n").map(linked)
            return #"<p style="margin:0 0 16px 0;">"# + lines.joined(separator: "<br>\n") + "</p>"
        }
        return """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escaped(subject))</title>
        </head>
        <body style="margin:0;padding:0;background-color:#f4f4f5;">
        <div style="max-width:600px;margin:0 auto;padding:24px 12px;">
        <div style="background-color:#ffffff;border:1px solid #e4e4e7;border-radius:8px;padding:24px;font-family:\(fontStack(language));font-size:15px;line-height:1.6;color:#18181b;">
        \(paragraphs.joined(separator: "\n"))
        </div>
        </div>
        </body>
        </html>

        """
    }

    /// One line of text, escaped, with each `http(s)://` address made a link.
    static func linked(_ line: Substring) -> String {
        var result = ""
        var rest = line
        while let url = nextURL(in: rest) {
            result += HTML.escaped(rest[..<url.lowerBound])
            let address = HTML.escaped(rest[url])
            result += #"<a href="\#(address)" style="color:#2563eb;">\#(address)</a>"#
            rest = rest[url.upperBound...]
        }
        return result + HTML.escaped(rest)
    }

    private static func nextURL(in text: Substring) -> Range<Substring.Index>? {
        var searchFrom = text.startIndex
        while searchFrom < text.endIndex {
            let remaining = text[searchFrom...]
            let starts = ["https://", "http://"].compactMap { remaining.firstRange(of: $0) }
            guard let scheme = starts.min(by: { $0.lowerBound < $1.lowerBound }) else { return nil }
            var end = text[scheme.upperBound...].firstIndex { !isURLCharacter($0) } ?? text.endIndex
            // Punctuation that ends the sentence is not part of the address.
            while end > scheme.upperBound {
                let last = text[text.index(before: end)]
                let url = text[scheme.lowerBound..<end]
                let unbalanced = last == ")" && url.count(where: { $0 == "(" }) < url.count(where: { $0 == ")" })
                guard ".,;:!?'\"*".contains(last) || unbalanced else { break }
                end = text.index(before: end)
            }
            if end > scheme.upperBound { return scheme.lowerBound..<end }
            searchFrom = scheme.upperBound
        }
        return nil
    }

    private static func isURLCharacter(_ character: Character) -> Bool {
        guard character.isASCII else { return false }
        return character.isLetter || character.isNumber || "-._~:/?#[]@!$&'()*+,;=%".contains(character)
    }

    private static func fontStack(_ language: Language) -> String {
        let chinese = switch language {
        case .en: ""
        case .zhHans: "'PingFang SC','Hiragino Sans GB','Microsoft YaHei',"
        case .zhHant: "'PingFang TC','Heiti TC','Microsoft JhengHei',"
        }
        return "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,\(chinese)sans-serif"
    }
}
