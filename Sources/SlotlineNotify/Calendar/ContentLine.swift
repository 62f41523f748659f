/// RFC 5545 content-line syntax: TEXT escaping, quoted parameter values and line folding.
enum ContentLine {
    /// Folds a content line at 75 octets; continuation lines start with one space (RFC 5545 §3.1).
    static func fold(_ line: String) -> String {
        line.utf8Chunks(first: 75, rest: 74).joined(separator: "\r\n ")
    }

    /// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, any line break as `\n`.
    static func text(_ value: String) -> String {
        var escaped = ""
        var previousWasCR = false
        for scalar in value.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\r": escaped += "\\n"
            case "\n": if !previousWasCR { escaped += "\\n" }
            case "\t": escaped.unicodeScalars.append(scalar)
            default: if !isControl(scalar) { escaped.unicodeScalars.append(scalar) }
            }
        }
        return escaped
    }

    /// A quoted parameter value (`CN="…"`): QSAFE-CHAR allows neither DQUOTE nor controls, and
    /// has no escape, so those are dropped (line breaks become spaces).
    static func quotedParameter(_ value: String) -> String {
        var safe = ""
        for scalar in value.unicodeScalars where scalar != "\"" {
            if scalar == "\r" || scalar == "\n" || scalar == "\t" {
                safe += " "
            } else if !isControl(scalar) {
                safe.unicodeScalars.append(scalar)
            }
        }
        return "\"" + safe + "\""
    }

    /// A URI value (mailto address, URL): no escaping exists, so whitespace and controls are dropped.
    static func uri(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { !isControl($0) && !$0.properties.isWhitespace }))
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F
    }
}
