/// The DATA section for a message (RFC 5321 4.5.2): every line ending made CRLF, lines that start
/// with "." doubled, and the terminating `<CRLF>.<CRLF>`.
struct SMTPData: Sendable, Equatable {
    private(set) var bytes: [UInt8] = []

    init(message: some Sequence<UInt8>) {
        bytes.reserveCapacity(message.underestimatedCount + message.underestimatedCount / 32 + 5)
        var atLineStart = true
        var afterCR = false
        for byte in message {
            switch byte {
            case .cr:
                bytes += [.cr, .lf]
                atLineStart = true
                afterCR = true
            case .lf where afterCR:
                afterCR = false
            case .lf:
                bytes += [.cr, .lf]
                atLineStart = true
            default:
                if atLineStart && byte == .dot { bytes.append(.dot) }
                bytes.append(byte)
                atLineStart = false
                afterCR = false
            }
        }
        if !atLineStart { bytes += [.cr, .lf] }
        bytes += [.dot, .cr, .lf]
    }

    /// Whether the message holds bytes above 127, which needs `BODY=8BITMIME`.
    static func isEightBit(_ message: some Sequence<UInt8>) -> Bool {
        message.contains { $0 >= 0x80 }
    }

    /// Whether the header section (up to the first empty line) holds bytes above 127, which needs SMTPUTF8.
    static func hasEightBitHeaders(_ message: [UInt8]) -> Bool {
        var previous: UInt8 = .lf
        for (index, byte) in message.enumerated() {
            if byte >= 0x80 { return true }
            // An empty line: LF after LF, or LF after CRLF.
            if byte == .lf && (previous == .lf || (index >= 2 && previous == .cr && message[index - 2] == .lf)) {
                return false
            }
            previous = byte
        }
        return false
    }
}

fileprivate extension UInt8 {
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let dot = UInt8(ascii: ".")
}
