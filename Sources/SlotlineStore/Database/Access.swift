import Logging
import SQLKit

/// Where a repository's statements run: each call on a pooled connection of its own, or on the
/// connection of one open transaction (the `Store.write` seam), or reads on one held connection
/// (`Store.read`). Repositories read and write through it the same way in every case.
struct Access: Sendable {
    let database: Database
    /// The connection of the open transaction, if the repository was taken from one.
    private let transaction: (any SQLDatabase)?
    /// A connection held for several reads; writes still take a transaction of their own.
    private let reading: (any SQLDatabase)?

    init(_ database: Database, transaction: (any SQLDatabase)? = nil) {
        self.database = database
        self.transaction = transaction
        self.reading = nil
    }

    init(_ database: Database, readingOn connection: any SQLDatabase) {
        self.database = database
        self.transaction = nil
        self.reading = connection
    }

    var flavor: SQLFlavor { database.flavor }
    var logger: Logger { database.logger }

    /// Statements outside a transaction see committed data; inside one, the transaction's own.
    func read<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        if let connection = transaction ?? reading { return try await body(connection) }
        return try await database.read(body)
    }

    /// A transaction of its own, or the open one: then it commits with everything else in it.
    func write<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        if let transaction { return try await body(transaction) }
        return try await database.write(body)
    }

    func lockRow(_ db: any SQLDatabase, table: String, id: String) async throws {
        try await lockRows(db, table: table, ids: [id])
    }

    func lockRows(_ db: any SQLDatabase, table: String, ids: Set<String>) async throws {
        try await database.lockRows(db, table: table, ids: ids)
    }
}
