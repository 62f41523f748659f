import Logging
import Synchronization

/// The SQL statements a store ran, read from its query log (SQLiteKit logs each at debug level).
public final class StatementLog: Sendable {
    private let lines = Mutex<[String]>([])

    public init() {}

    public var statements: [String] { lines.withLock { $0 } }

    public func clear() { lines.withLock { $0.removeAll() } }

    /// A logger that records every statement the store runs.
    public func logger() -> Logger {
        var logger = Logger(label: "sql") { _ in Handler(log: self) }
        logger.logLevel = .debug
        return logger
    }

    struct Handler: LogHandler {
        let log: StatementLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            guard case let .string(sql)? = event.metadata?["sql"] else { return }
            log.lines.withLock { $0.append(sql) }
        }
    }
}
