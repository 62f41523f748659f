import Foundation

/// Content-Transfer-Encoding for a body: both keep every line within 76 characters and 7-bit.
enum TransferEncoding: String, Sendable {
    case quotedPrintable = "quoted-printable"
    case base64

    static let lineLength = 76

    /// Quoted-printable keeps mostly-ASCII text readable; base64 is a third the size for CJK text.
    static func suited(to octets: [UInt8]) -> TransferEncoding {
        let quotedLength = octets.reduce(0) { $0 + (isLiteral($1) ? 1 : 3) }
        return quotedLength <= octets.count * 4 / 3 ? .quotedPrintable : .base64
    }

    /// The encoded body, CRLF after every line; a multipart delimiter takes the last CRLF as its own.
    func encode(_ octets: [UInt8]) -> String {
        switch self {
        case .base64:
            let text = Array(Data(octets).base64EncodedString().utf8)
            return stride(from: 0, to: text.count, by: Self.lineLength).map { start in
                String(decoding: text[start..<min(start + Self.lineLength, text.count)], as: UTF8.self) + "\r\n"
            }.joined()
        case .quotedPrintable:
            return Self.quotedPrintable(octets)
        }
    }

    /// RFC 2045 §6.7: CRLF pairs stay hard line breaks; long lines end with a soft break `=`.
    private static func quotedPrintable(_ octets: [UInt8]) -> String {
        var lines: [[UInt8]] = [[]]
        var index = 0
        while index < octets.count {
            if octets[index] == 13, index + 1 < octets.count, octets[index + 1] == 10 {
                lines.append([])
                index += 2
            } else {
                lines[lines.count - 1].append(octets[index])
                index += 1
            }
        }
        var output = ""
        for line in lines {
            var current = ""
            for (position, octet) in line.enumerated() {
                let isLast = position == line.count - 1
                // Trailing spaces and tabs would be stripped in transit, so they are encoded.
                let token = isLiteral(octet) && !(isLast && (octet == 32 || octet == 9))
                    ? String(UnicodeScalar(octet)) : "=" + hex(octet)
                if current.utf8.count + token.utf8.count > lineLength - 1 {
                    output += current + "=\r\n"
                    current = ""
                }
                current += token
            }
            output += current + "\r\n"
        }
        return output
    }

    private static func isLiteral(_ octet: UInt8) -> Bool {
        (33...126).contains(octet) && octet != 61 || octet == 32 || octet == 9
    }

    private static func hex(_ octet: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(octet >> 4)], digits[Int(octet & 15)]])
    }
}
