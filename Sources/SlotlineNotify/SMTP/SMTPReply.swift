/// One reply of an SMTP server: a three-digit code and its lines of text (several for EHLO).
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]

    var text: String { lines.joined(separator: " ") }
    var isPositive: Bool { (200..<400).contains(code) }
}

/// What the server offers in its EHLO reply: keyword → parameters, e.g. `AUTH` → `[PLAIN, LOGIN]`.
struct SMTPCapabilities: Sendable, Equatable {
    private var keywords: [String: [String]] = [:]

    init(ehlo reply: SMTPReply) {
        // The first line is the greeting; each further line is one extension.
        for line in reply.lines.dropFirst() {
            let words = line.split(separator: " ").map { $0.uppercased() }
            guard let keyword = words.first else { continue }
            keywords[keyword] = Array(words.dropFirst())
        }
    }

    /// HELO servers offer nothing.
    init() {}

    func offers(_ keyword: String) -> Bool { keywords[keyword] != nil }

    var authMechanisms: [String] { keywords["AUTH"] ?? [] }
}
