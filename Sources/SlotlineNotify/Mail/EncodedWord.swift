import Foundation

/// RFC 2047 encoded-words, the only way to put non-ASCII text in a header.
enum EncodedWord {
    /// 45 octets encode to 60 base64 characters: with `=?UTF-8?B?` and `?=` a word is 72 ≤ 75.
    private static let octetsPerWord = 45

    /// The text as `=?UTF-8?B?…?=` words, cut between characters so each word decodes on its own.
    /// The first word fits in `firstRoom` characters (what is left after the header name), the others in 75.
    static func encode(_ text: String, firstRoom: Int = HeaderField.continuationRoom) -> [String] {
        let firstOctets = min(octetsPerWord, max(2, (firstRoom - 12) / 4) * 3)
        return text.utf8Chunks(first: firstOctets, rest: octetsPerWord).map { piece in
            "=?UTF-8?B?" + Data(piece.utf8).base64EncodedString() + "?="
        }
    }
}
