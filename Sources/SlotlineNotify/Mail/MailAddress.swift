import Foundation

/// A mailbox: an optional display name and an ASCII address (no SMTPUTF8).
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var address: String

    public init(name: String = "", address: String) {
        self.name = name
        self.address = address
    }

    /// Reads `Name <a@b>`, `"Last, First" <a@b>`, `<a@b>` or `a@b`; nil when the address is not a plain
    /// `local@domain` in ASCII.
    public static func parse(_ text: String) -> MailAddress? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var name = ""
        var address = trimmed
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            name = unquoted(trimmed[..<open].trimmingCharacters(in: .whitespaces))
        }
        guard isPlainAddress(address) else { return nil }
        return MailAddress(name: name, address: address)
    }

    /// The header form, unfolded: `Name <a@b>`, `"Dr. Wang" <a@b>`, `=?UTF-8?B?…?= <a@b>` or `a@b`.
    public var description: String { headerTokens().joined(separator: " ") }

    /// The pieces a header may be folded between; `firstRoom` is the space left on the line it starts.
    func headerTokens(firstRoom: Int = HeaderField.continuationRoom) -> [String] {
        let mailbox = safeAddress
        let display = HeaderField.singleLine(name)
        if display.isEmpty { return [mailbox] }
        let longest = HeaderField.continuationRoom
        let phrase: [String]
        let words = HeaderField.wordsKeepingSpaces(display)
        let quoted = "\"" + display.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        if !display.unicodeScalars.allSatisfy(\.isASCII) {
            phrase = EncodedWord.encode(display, firstRoom: firstRoom)
        } else if display.unicodeScalars.allSatisfy({ Self.isAtomText($0) || $0 == " " }), !display.contains("=?"),
                  words.allSatisfy({ $0.count <= longest }) {
            phrase = words
        } else if quoted.count <= longest {
            phrase = [quoted]
        } else {
            phrase = EncodedWord.encode(display, firstRoom: firstRoom)
        }
        return phrase + ["<\(mailbox)>"]
    }

    /// The address with anything that could break out of the header removed.
    var safeAddress: String {
        String(String.UnicodeScalarView(address.unicodeScalars.filter { scalar in
            scalar.value > 0x20 && scalar.value < 0x7F && !"<>()[],;:\\\"".unicodeScalars.contains(scalar)
        }))
    }

    private static func isPlainAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && address.utf8.count <= 254
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !parts[1].contains("..")
            && address == MailAddress(address: address).safeAddress
    }

    /// atext of RFC 5322 §3.2.3: what a display name may hold without quotes.
    private static func isAtomText(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9": true
        default: "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
        }
    }

    private static func unquoted(_ phrase: String) -> String {
        guard phrase.count >= 2, phrase.hasPrefix("\""), phrase.hasSuffix("\"") else { return phrase }
        var result = ""
        var escaping = false
        for character in phrase.dropFirst().dropLast() {
            if !escaping, character == "\\" {
                escaping = true
            } else {
                result.append(character)
                escaping = false
            }
        }
        return result
    }
}
