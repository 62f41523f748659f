import Foundation
import SlotlineStore
import SlotlineTestSupport
import SQLKit
import Testing

/// On SQLite, committed writes sit in the write-ahead log until a checkpoint copies them into the
/// database file. A background checkpoint does that soon after, so commits rarely pay for it.
@Suite struct CheckpointTests {
    @Test func committedWritesReachTheDatabaseFileWithoutAnotherCommit() async throws {
        let url = try await TestDatabase.freshURL(.sqlite)
        guard case let .sqlite(path) = url else { throw CancellationError() }
        let database = try Database(url, logger: TestDatabase.logger)
        do {
            try await database.write { db in try await db.raw("CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT NOT NULL)").run() }
            try await Task.sleep(for: .milliseconds(1500))
            let before = try Self.size(path)
            // About 2 MB: far below the 10,000-page automatic checkpoint.
            try await database.write { db in
                for _ in 0..<20 {
                    try await db.raw("""
                        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
                        INSERT INTO filler (text) SELECT hex(randomblob(500)) FROM n
                        """).run()
                }
            }
            let afterCommit = try Self.size(path)

            var grown = afterCommit
            for _ in 0..<50 where grown < before + 1_000_000 {
                try await Task.sleep(for: .milliseconds(200))
                grown = try Self.size(path)
            }

            #expect(afterCommit < before + 1_000_000, "the commit itself left the rows in the log")
            #expect(grown >= before + 1_000_000, "a checkpoint copied them into the file: \(before) → \(grown) bytes")
            await database.shutdown()
        } catch {
            await database.shutdown()
            throw error
        }
    }

    static func size(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}
