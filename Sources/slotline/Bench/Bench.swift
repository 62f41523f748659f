import ArgumentParser
import Foundation
import Logging
import SlotlineNotify
import SlotlineStore

/// `slotline bench`: prints slot-query latency at 0 to 100,000 bookings and booking throughput,
/// on a fresh SQLite file and (with --postgres-url or SLOTLINE_TEST_POSTGRES_URL) on PostgreSQL.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure slot queries and booking throughput on SQLite and PostgreSQL.")

    @Option(help: "PostgreSQL to measure (an empty database or schema); default SLOTLINE_TEST_POSTGRES_URL") var postgresURL: String?
    @Option(parsing: .scanningForValue, help: "Booking counts to measure slot queries at, comma-separated (default 0,1000,10000,100000)",
            transform: Bench.counts)
    var sizes: [Int] = [0, 1_000, 10_000, 100_000]
    @Option(help: "Slot queries per size") var runs: Int = 200
    @Option(help: "Bookings submitted for the throughput figure") var submissions: Int = 2_000
    @Option(parsing: .scanningForValue, help: "Concurrent callers to measure submissions with, comma-separated (default 1,8,64)",
            transform: Bench.counts)
    var callers: [Int] = [1, 8, 64]
    @Option(help: "Rounds of submissions per caller count (the median is the figure)") var rounds: Int = 3
    @Option(help: "Bookings (each with two queued reminders) for the reminder-scan figure; 0 skips it") var reminderBookings: Int = 1_000_000
    @Option(help: "Messages rendered for the rendering figure") var renders: Int = 2_000
    @Option(help: "Bookings in the workspace for the page figures; 0 skips them") var pageBookings: Int = 10_000
    @Option(help: "Requests per page for the page figures") var pageRuns: Int = 200
    @Option(help: "Existing video meetings for the line-allocation figure (over 100 lines); 0 skips it") var allocationMeetings: Int = 100_000
    @Option(help: "Video meetings created for the line-allocation figure") var allocations: Int = 500

    func run() async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let sqlitePath = FileManager.default.temporaryDirectory.appendingPathComponent("slotline-bench-\(UUID().uuidString).sqlite").path
        var targets: [(String, DatabaseURL)] = [("sqlite", .sqlite(path: sqlitePath))]
        if let url = postgresURL ?? ProcessInfo.processInfo.environment["SLOTLINE_TEST_POSTGRES_URL"], !url.isEmpty {
            targets.append(("postgres", .postgres(url: url + (url.contains("?") ? "&" : "?") + "sslmode=disable")))
        }
        #if DEBUG
        print("note: debug build; measure with `swift run -c release slotline bench`")
        #endif
        if pageBookings > 0 {
            for figure in try await PageBenchmark(bookings: pageBookings, runs: pageRuns).run(logger: logger) {
                print("page \(figure.page) (\(pageBookings) bookings, loopback round trip): p50=\(figure.latency.p50.inMilliseconds) ms p99=\(figure.latency.p99.inMilliseconds) ms size=\(figure.bytes) bytes")
            }
        }
        let rendered = try RenderBenchmark().messagesPerSecond(count: renders)
        print("messages rendered (templates, HTML, calendar invitation, MIME): \(Int(rendered)) per second")
        for (name, url) in targets {
            let store = try await Store.open(url, secretKey: Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }), logger: logger)
            let bench = try await BookingBenchmark.prepare(store)
            var hours = Set<Int64>()
            var seeded = 0
            for size in sizes.sorted() {
                try await bench.seed(upTo: size, existing: seeded, hours: &hours)
                try await store.database.gatherStatistics()
                seeded = size
                let figures = try await bench.slotQueries(runs: runs, bookings: size, hours: hours)
                print("\(name) slots 60d (analyzed): bookings=\(figures.bookings) inWindow=\(figures.inWindow) p50=\(figures.latency.p50.inMilliseconds) ms p99=\(figures.latency.p99.inMilliseconds) ms")
            }
            for concurrency in callers {
                var rates: [Int] = []
                for _ in 0..<max(1, rounds) {
                    rates.append(Int(try await bench.submissions(count: submissions, concurrency: concurrency, hours: &hours)))
                }
                print("\(name) submissions: \(submissions) confirmed bookings, \(concurrency) caller(s): median \(rates.sorted()[rates.count / 2]) per second (rounds: \(rates.map(String.init).joined(separator: ", ")))")
            }
            if allocationMeetings > 0 {
                let allocation = try await AllocationBenchmark(lines: 100, meetings: allocationMeetings, runs: allocations).run(store)
                print("\(name) line allocation (100 lines, \(allocationMeetings) meetings; pool and holds read, line chosen): p50=\(allocation.choice.p50.inMilliseconds) ms p99=\(allocation.choice.p99.inMilliseconds) ms")
                print("\(name) video meeting creation (the allocation under the pool's lock, meeting, provider meeting and sync job written): p50=\(allocation.latency.p50.inMilliseconds) ms p99=\(allocation.latency.p99.inMilliseconds) ms \(Int(allocation.perSecond)) per second (1 caller; \(allocation.refused) refused)")
            }
            if reminderBookings > 0 {
                let scan = try await ReminderScanBenchmark(store: store).run(bookings: reminderBookings, runs: 50)
                print("\(name) reminder scan: bookings=\(scan.bookings) queuedReminders=\(scan.queuedReminders) due=\(scan.due) per claimed reminder p50=\(scan.latency.p50.inMilliseconds) ms p99=\(scan.latency.p99.inMilliseconds) ms")
                print("\(name) reminder scan plan: \(scan.plan)")
            }
            await store.shutdown()
        }
        try? FileManager.default.removeItem(atPath: sqlitePath)
    }

    /// `0,1000` as [0, 1000].
    static func counts(_ text: String) throws -> [Int] {
        try text.split(separator: ",").map { part in
            guard let count = Int(part.trimmingCharacters(in: .whitespaces)), count >= 0 else {
                throw ValidationError("'\(text)' is not a comma-separated list of counts")
            }
            return count
        }
    }
}
