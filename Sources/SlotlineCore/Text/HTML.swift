/// The one HTML escaping: messages, the manage page and the sandbox pages all escape through here.
public enum HTML {
    /// Escapes for element content and quoted attribute values alike (both quote characters), so a
    /// caller never has to know where the text lands.
    public static func escaped<Text: StringProtocol>(_ text: Text) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
