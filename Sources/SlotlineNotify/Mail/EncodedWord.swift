import Foundation

/// RFC 2047 encoded-words, the only way to put non-ASCII text in a header.
enum EncodedWord {
    /// 45 octets encode to 60 base64 characters: with `=?UTF-8?B?` and `?=` a word is 72 ≤ 75.
    private static let octetsPerWord = 45

    /// The text as `=?UTF-8?B?…?=` words, cut between characters so each word decodes on its own.
    static func encode(_ text: String) -> [String] {
        text.utf8Chunks(first: octetsPerWord, rest: octetsPerWord).map { piece in
            "=?UTF-8?B?" + Data(piece.utf8).base64EncodedString() + "?="
        }
    }
}
