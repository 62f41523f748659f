import Foundation
import Logging
import SlotlineCore
import SlotlineStore
import SQLKit

extension SQLFlavor: CustomStringConvertible {
    public var description: String { rawValue }
}

/// Real databases for tests: a fresh SQLite file, and (when `scripts/test` started one) a fresh
/// schema in the throwaway PostgreSQL named by SLOTLINE_TEST_POSTGRES_URL.
public enum TestDatabase {
    public static let postgresURL = ProcessInfo.processInfo.environment["SLOTLINE_TEST_POSTGRES_URL"]

    /// The databases every store test runs on. Under CI, PostgreSQL is required, never skipped.
    public static let flavors: [SQLFlavor] = {
        if postgresURL != nil { return [.sqlite, .postgres] }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            fatalError("CI must run the PostgreSQL tests: run them through scripts/test")
        }
        return [.sqlite]
    }()

    public static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return logger
    }

    /// A database URL nobody else uses.
    public static func freshURL(_ flavor: SQLFlavor) async throws -> DatabaseURL {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        switch flavor {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slotline-tests")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return .sqlite(path: directory.appendingPathComponent("\(name).sqlite").path)
        case .postgres:
            guard let base = postgresURL else { fatalError("SLOTLINE_TEST_POSTGRES_URL is not set") }
            let admin = try Database(.postgres(url: withQuery(base, "sslmode=disable")), logger: logger, connections: 1)
            try await admin.read { db in try await db.raw("CREATE SCHEMA \(ident: String(name))").run() }
            await admin.shutdown()
            return .postgres(url: withQuery(base, "sslmode=disable&schema=\(name)"))
        }
    }

    /// The server key every test store uses.
    public static let secretKey = Data(repeating: 42, count: 32)

    /// A migrated store on a fresh database.
    public static func store(_ flavor: SQLFlavor, time: TimeSource = TimeSource()) async throws -> Store {
        try await Store.open(try await freshURL(flavor), time: time, secretKey: secretKey, logger: logger)
    }

    /// Runs `body` with a fresh store and closes it afterwards, whatever happens.
    public static func withStore<T>(_ flavor: SQLFlavor, time: TimeSource = TimeSource(),
                                    _ body: (Store) async throws -> T) async throws -> T {
        try await withTurn(flavor) {
            let store = try await store(flavor, time: time)
            do {
                let result = try await body(store)
                await store.shutdown()
                return result
            } catch {
                await store.shutdown()
                throw error
            }
        }
    }

    /// The throwaway PostgreSQL accepts 100 connections and every open store pools several
    /// (4 per event loop), while Swift Testing starts every test at once: so only a few tests hold
    /// PostgreSQL databases at a time, and the others wait for their turn.
    private static let postgresTurns = Turnstile(width: 4)

    /// Runs `body`, which opens and closes its own databases, when it is its turn. Never nest it.
    public static func withTurn<T>(_ flavor: SQLFlavor, _ body: () async throws -> T) async throws -> T {
        guard flavor == .postgres else { return try await body() }
        await postgresTurns.enter()
        do {
            let result = try await body()
            await postgresTurns.leave()
            return result
        } catch {
            await postgresTurns.leave()
            throw error
        }
    }

    private static func withQuery(_ url: String, _ query: String) -> String {
        url + (url.contains("?") ? "&" : "?") + query
    }
}

/// Stores sharing one database. On PostgreSQL two stores (two pools on one schema, like two
/// replicas); on SQLite the single process a SQLite file is meant for.
public func withReplicas<T>(_ flavor: SQLFlavor, time: TimeSource, _ body: ([Store]) async throws -> T) async throws -> T {
    try await TestDatabase.withTurn(flavor) {
        let url = try await TestDatabase.freshURL(flavor)
        var stores: [Store] = []
        do {
            for _ in 0..<(flavor == .postgres ? 2 : 1) {
                stores.append(try await Store.open(url, time: time, secretKey: TestDatabase.secretKey, logger: TestDatabase.logger))
            }
            let result = try await body(stores)
            for store in stores { await store.shutdown() }
            return result
        } catch {
            for store in stores { await store.shutdown() }
            throw error
        }
    }
}
