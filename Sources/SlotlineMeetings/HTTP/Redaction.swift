import Foundation

/// The secrets of one request (tokens, codes, client secret), removed from anything that may end
/// up in an error, a job log or a log line.
struct Redaction: Sendable {
    private var secrets: [String]

    init(_ secrets: [String?]) {
        var all: [String] = []
        for case let secret? in secrets where secret.count >= 4 {
            all.append(secret)
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != secret {
                all.append(encoded)
            }
        }
        // Longest first, so a secret containing another is removed whole.
        self.secrets = all.sorted { $0.count > $1.count }
    }

    static let nothing = Redaction([])

    func scrub(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }
}
