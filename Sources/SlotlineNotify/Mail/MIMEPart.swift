/// A MIME entity (RFC 2045/2046): header fields and an already-encoded, CRLF-terminated body.
struct MIMEPart: Sendable {
    var headers: [HeaderField]
    var body: String

    /// Text with its line breaks made CRLF, in whichever transfer encoding suits it.
    static func text(_ content: String, contentType: String, extraHeaders: [HeaderField] = []) -> MIMEPart {
        let octets = Array(crlfLines(content).utf8)
        let encoding = TransferEncoding.suited(to: octets)
        return MIMEPart(
            headers: [HeaderField("Content-Type", contentType), HeaderField("Content-Transfer-Encoding", encoding.rawValue)] + extraHeaders,
            body: encoding.encode(octets)
        )
    }

    /// A multipart entity under a random boundary that occurs nowhere in its parts.
    static func multipart<Random: RandomNumberGenerator>(
        _ subtype: String, _ parts: [MIMEPart], using random: inout Random
    ) -> MIMEPart {
        let contents = parts.map(\.rendered)
        var boundary: String
        repeat {
            boundary = randomBoundary(using: &random)
        } while contents.contains { $0.contains(boundary) }
        let body = contents.map { "--\(boundary)\r\n" + $0 }.joined() + "--\(boundary)--\r\n"
        return MIMEPart(headers: [HeaderField("Content-Type", "multipart/\(subtype); boundary=\"\(boundary)\"")], body: body)
    }

    var rendered: String {
        headers.map(\.rendered).joined() + "\r\n" + body
    }

    /// `=_` cannot occur in base64 or quoted-printable output, so a clash is unlikely even before the check.
    private static func randomBoundary<Random: RandomNumberGenerator>(using random: inout Random) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return "=_slotline_" + String((0..<24).map { _ in alphabet.randomElement(using: &random)! })
    }

    /// Every CR, LF or CRLF becomes CRLF, the canonical form of text in MIME.
    static func crlfLines(_ text: String) -> String {
        var result = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\r": result += "\r\n"
            case "\n": if !previousWasCR { result += "\r\n" }
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
