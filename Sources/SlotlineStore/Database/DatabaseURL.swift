import Foundation
import SlotlineCore

/// Where the data lives: `sqlite:///path/file.sqlite` (or `sqlite://relative/path`) or `postgres://user:pass@host:port/db`.
public enum DatabaseURL: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    public init(_ text: String) throws {
        if text.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw SlotlineError.invalid("SLOTLINE_DATABASE_URL", "sqlite:// needs a file path") }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            throw SlotlineError.invalid("SLOTLINE_DATABASE_URL", "use sqlite://PATH or postgres://USER:PASS@HOST:PORT/DB")
        }
    }

    /// The URL with any password replaced, safe for logs.
    public var redacted: String {
        switch self {
        case let .sqlite(path): return "sqlite://\(path)"
        case let .postgres(url):
            guard var components = URLComponents(string: url) else { return "postgres://…" }
            if components.password != nil { components.password = "***" }
            return components.string ?? "postgres://…"
        }
    }
}
