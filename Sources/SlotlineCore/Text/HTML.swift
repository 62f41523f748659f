/// The one HTML escaping: messages, the manage page and the sandbox pages all escape through here.
public enum HTML {
    /// Escapes for element content and quoted attribute values alike (both quote characters), so a
    /// caller never has to know where the text lands.
    public static func escaped<Text: StringProtocol>(_ text: Text) -> String {
        // Byte by byte: the five characters are ASCII, never part of a longer UTF-8 sequence. Most
        // values hold none of them and come back as they are, without a copy made byte by byte.
        let utf8 = text.utf8
        guard utf8.contains(where: { special[Int($0)] }) else { return String(text) }
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "&"): result += "&amp;".utf8
            case UInt8(ascii: "<"): result += "&lt;".utf8
            case UInt8(ascii: ">"): result += "&gt;".utf8
            case UInt8(ascii: "\""): result += "&quot;".utf8
            case UInt8(ascii: "'"): result += "&#39;".utf8
            default: result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static let special: [Bool] = (0...255).map { "&<>\"'".utf8.contains(UInt8($0)) }
}
