import Foundation
import Logging
import SlotlineCore
import SlotlineDesk
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import SQLKit
import Synchronization
import Testing

/// Reminders as a customer notices them: planned when the booking is confirmed, moved with it,
/// dropped with it, and each one sent exactly once, however many workers race for it.
@Suite("Reminders")
struct ReminderTests {
    /// Monday 2030-06-03 12:00 UTC, a fixed "now" so reminder times compare exactly.
    static let now = Date(timeIntervalSince1970: 1_906_718_400)

    @Test("a confirmed booking gets reminders 24 hours and 1 hour before its start once its event is handled",
          arguments: TestDatabase.flavors)
    func defaultOffsets(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor, time: TimeSource(fixed: Self.now)) { app in
            let start = app.opening(daysAhead: 3, hour: 10)
            let id = try await app.bookedId(app.studio.instant, at: start)
            let beforeEvent = try await Self.reminderJobs(app.store, bookingId: id)

            try await Self.runDueJobs(app.store)

            let jobs = try await Self.reminderJobs(app.store, bookingId: id)
            #expect(beforeEvent.isEmpty)
            #expect(jobs.map(\.runAt) == [start.addingTimeInterval(-24 * 3600), start.addingTimeInterval(-3600)])
            #expect(try await ReminderSchedule(store: app.store).queued(bookingId: id).map(\.offsetMinutes) == [1440, 60])
        }
    }

    @Test("a service with its own offsets gets its reminders at those offsets", arguments: TestDatabase.flavors)
    func customOffsets(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor, time: TimeSource(fixed: Self.now)) { app in
            let service = try await Self.addService(app, reminderOffsetsMinutes: [15, 2880, 180])
            let start = app.opening(daysAhead: 3, hour: 10)
            let id = try await app.bookedId(service, at: start)

            try await Self.runDueJobs(app.store)

            let jobs = try await Self.reminderJobs(app.store, bookingId: id)
            #expect(jobs.map(\.runAt) == [start.addingTimeInterval(-2880 * 60), start.addingTimeInterval(-180 * 60),
                                          start.addingTimeInterval(-15 * 60)])
        }
    }

    @Test("a booking confirmed two hours before its start gets the 1-hour reminder only", arguments: TestDatabase.flavors)
    func lateConfirmation(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor, time: TimeSource(fixed: Self.now)) { app in
            let start = app.opening(daysAhead: 3, hour: 10)
            let id = try await app.bookedId(app.studio.manual, at: start)
            try await Self.runDueJobs(app.store)
            let whilePending = try await Self.reminderJobs(app.store, bookingId: id)
            Self.move(app.store, to: start.addingTimeInterval(-2 * 3600))

            let accepted = try await app.owner.post("/api/v1/bookings/\(id)/accept")
            try await Self.runDueJobs(app.store)

            #expect(whilePending.isEmpty)
            #expect(accepted.status == .ok)
            let jobs = try await Self.reminderJobs(app.store, bookingId: id)
            #expect(jobs.map(\.runAt) == [start.addingTimeInterval(-3600)])
            #expect(try await ReminderSchedule(store: app.store).queued(bookingId: id).map(\.offsetMinutes) == [60])
        }
    }

    @Test("a reschedule replaces the reminders; an old one that runs anyway sends nothing", arguments: TestDatabase.flavors)
    func reschedule(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor, time: TimeSource(fixed: Self.now)) { app in
            let start = app.opening(daysAhead: 3, hour: 10)
            let newStart = app.opening(daysAhead: 4, hour: 14)
            let id = try await app.bookedId(app.studio.instant, at: start)
            try await Self.runDueJobs(app.store)
            let old = try await Self.reminderJobs(app.store, bookingId: id)

            let moved = try await app.owner.post("/api/v1/bookings/\(id)/reschedule", ["startsAt": .string(rfc3339(newStart))])
            try await Self.runDueJobs(app.store)
            // An old reminder a worker had claimed before the move, run to the end afterwards.
            let reminderHandler = try #require(try jobHandlers(store: app.store, settings: .test).first { $0.kind == JobKind.bookingRemind.rawValue })
            try await reminderHandler.run(try #require(old.first))

            #expect(moved.status == .ok)
            #expect(old.count == 2)
            for job in old { #expect(try await app.store.jobs.find(id: job.id) == nil) }
            let new = try await Self.reminderJobs(app.store, bookingId: id)
            #expect(new.map(\.runAt) == [newStart.addingTimeInterval(-24 * 3600), newStart.addingTimeInterval(-3600)])
            #expect(try await Self.reminders(app, bookingId: id).isEmpty)
            Self.move(app.store, to: newStart.addingTimeInterval(-24 * 3600))
            try await Self.runDueJobs(app.store)
            #expect(try await Self.reminders(app, bookingId: id).count == 1)
        }
    }

    @Test("cancelling a booking drops its reminders", arguments: TestDatabase.flavors)
    func cancellation(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor, time: TimeSource(fixed: Self.now)) { app in
            let start = app.opening(daysAhead: 3, hour: 10)
            let id = try await app.bookedId(app.studio.instant, at: start)
            try await Self.runDueJobs(app.store)
            let planned = try await Self.reminderJobs(app.store, bookingId: id)

            let cancelled = try await app.owner.post("/api/v1/bookings/\(id)/cancel")
            try await Self.runDueJobs(app.store)
            Self.move(app.store, to: start)
            try await Self.runDueJobs(app.store)

            #expect(planned.count == 2)
            #expect(cancelled.status == .ok)
            #expect(try await Self.reminderJobs(app.store, bookingId: id).isEmpty)
            #expect(try await app.store.jobs.list(state: nil, workspaceId: nil, limit: 500).filter { $0.kind == JobKind.bookingRemind.rawValue }.isEmpty)
            #expect(try await Self.reminders(app, bookingId: id).isEmpty)
        }
    }

    @Test("each reminder is written once when it falls due, with the meeting details", arguments: TestDatabase.flavors)
    func sending(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor, time: TimeSource(fixed: Self.now)) { app in
            let start = app.opening(daysAhead: 3, hour: 10)
            let id = try await app.bookedId(app.studio.instant, at: start)
            try await Self.runDueJobs(app.store)
            Self.move(app.store, to: start.addingTimeInterval(-24 * 3600 - 60))
            try await Self.runDueJobs(app.store)
            let aMinuteEarly = try await Self.reminders(app, bookingId: id)

            Self.move(app.store, to: start.addingTimeInterval(-24 * 3600))
            try await Self.runDueJobs(app.store)
            let dayBefore = try await Self.reminders(app, bookingId: id)
            Self.move(app.store, to: start.addingTimeInterval(-3600))
            try await Self.runDueJobs(app.store)
            let hourBefore = try await Self.reminders(app, bookingId: id)

            #expect(aMinuteEarly.isEmpty)
            #expect(dayBefore.count == 1)
            #expect(hourBefore.count == 2)
            let first = try #require(dayBefore.first)
            let second = try #require(hourBefore.first { $0.id != first.id })
            for (message, startsIn) in [(first, "24 hours"), (second, "1 hour")] {
                #expect(message.recipientEmail == "grace@example.com")
                #expect(message.textBody.contains("starts in \(startsIn)."), "\(message.textBody)")
                #expect(message.textBody.contains(Studio.practitionerSecret), "\(message.textBody)")
                #expect(message.htmlBody.contains("PRIVATE-PRACTITIONER"))
            }
            #expect(try await Self.reminderJobs(app.store, bookingId: id).isEmpty)
        }
    }

    @Test("a reminder job that runs twice (its worker died before finishing) sends once", arguments: TestDatabase.flavors)
    func runTwice(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor, time: TimeSource(fixed: Self.now)) { app in
            let start = app.opening(daysAhead: 3, hour: 10)
            let id = try await app.bookedId(app.studio.instant, at: start)
            try await Self.runDueJobs(app.store)
            Self.move(app.store, to: start.addingTimeInterval(-24 * 3600))
            let claimed = try #require(try await app.store.jobs.claim(worker: "dies-after-sending", lease: 60).first)
            let reminderHandler = try #require(try jobHandlers(store: app.store, settings: .test).first { $0.kind == JobKind.bookingRemind.rawValue })
            try await reminderHandler.run(claimed)

            app.store.time.advance(by: 61)
            try await Self.runDueJobs(app.store)

            #expect(claimed.kind == JobKind.bookingRemind.rawValue)
            #expect(try await app.store.jobs.find(id: claimed.id)?.state == .done)
            #expect(try await app.store.jobs.find(id: claimed.id)?.attempts == 2)
            #expect(try await Self.reminders(app, bookingId: id).count == 1)
        }
    }

    @Test("two workers, on two replicas under PostgreSQL, racing over the same due reminders send each once",
          arguments: TestDatabase.flavors)
    func racingWorkers(_ flavor: SQLFlavor) async throws {
        let time = TimeSource(fixed: Self.now)
        try await withReplicas(flavor, time: time) { stores in
            let studio = try await Studio.create(in: stores[0])
            let starts = (9..<17).map { studio.opening(daysAhead: 3, hour: $0, after: time.now()) }
            for (index, start) in starts.enumerated() {
                _ = try await BookingDesk(store: stores[0]).submit(
                    NewBooking(serviceId: studio.instant.id, practitionerId: studio.practitioner.id, startsAt: start,
                               customer: studio.customer("Guest\(index)")),
                    workspaceId: studio.workspace.id, byStaff: false)
            }
            let workers = try ["replica-a", "replica-b"].enumerated().map { index, name in
                let store = stores[index % stores.count]
                return JobWorker(name: name, queue: store.jobs, handlers: try jobHandlers(store: store, settings: .test),
                                 logger: TestDatabase.logger)
            }
            // Every booking event handled twice, concurrently: its reminders are still planned once.
            try await Self.duplicateQueued(JobKind.bookingEvent.rawValue, in: stores.last!)
            try await Self.race(workers)
            let planned = try await stores[0].jobs.list(state: .queued, workspaceId: nil, limit: 500).filter { $0.kind == JobKind.bookingRemind.rawValue }
            // Every reminder queued a second time, as when a lost lease lets a second worker run it.
            try await Self.duplicateQueued(JobKind.bookingRemind.rawValue, in: stores.last!)
            // Hour by hour, each booking's last reminder falls due before it starts (none is sent after).
            for start in starts {
                Self.move(time, to: start.addingTimeInterval(-3600))
                try await Self.race(workers)
            }

            let reminders = try await stores[0].outbox.list(workspaceId: studio.workspace.id, limit: 500, offset: 0)
                .filter { $0.kind == "reminder" }
            #expect(planned.count == starts.count * 2)
            #expect(reminders.count == starts.count * 2)
            #expect(Set(reminders.map(\.dedupeKey)).count == starts.count * 2)
            let ran = try await stores[0].jobs.list(state: nil, workspaceId: nil, limit: 500).filter { $0.kind == JobKind.bookingRemind.rawValue }
            #expect(ran.count == starts.count * 4)
            #expect(ran.allSatisfy { $0.state == .done })
        }
    }

    @Test("the claim of due reminders reads an index on SQLite, not every job")
    func claimUsesIndex() async throws {
        let log = StatementLog()
        let store = try await Store.open(try await TestDatabase.freshURL(.sqlite), time: TimeSource(fixed: Self.now),
                                         secretKey: TestDatabase.secretKey, logger: log.logger())
        do {
            // A busy store: many reminders done, many waiting for later, a few due; with statistics.
            try await store.write { tx in
                for index in 0..<3000 {
                    let runAt = Self.now.addingTimeInterval(Double(index - 2000) * 60)
                    try await tx.jobs.enqueue(JobKind.bookingRemind.rawValue, payload: "{}", subject: "booking:\(index)", runAt: runAt)
                }
            }
            try await store.database.write { db in
                try await db.raw("UPDATE jobs SET state = 'done' WHERE run_at < \(bind: Self.now.addingTimeInterval(-600).unixSeconds)").run()
                try await db.raw("ANALYZE").run()
            }
            log.clear()

            let claimed = try await store.jobs.claim(worker: "plan", limit: 10, lease: 60)

            let selects = log.statements.filter { $0.hasPrefix("SELECT id FROM jobs") }
            let plans = try await store.database.read { db in
                try await selects.asyncMap { select in
                    try await db.raw(SQLQueryString("EXPLAIN QUERY PLAN " + select)).all()
                        .map { try $0.decode(column: "detail", as: String.self) }
                }
            }
            #expect(claimed.count == 10)
            #expect(selects.count == 2, "lapsed leases, then due jobs: \(selects)")
            #expect(plans.first?.contains { $0.hasPrefix("SEARCH jobs USING") && $0.contains("INDEX jobs_lease") } == true, "\(plans)")
            #expect(plans.last?.contains { $0.hasPrefix("SEARCH jobs USING") && $0.contains("INDEX jobs_ready") } == true, "\(plans)")
            // Read in index order: a backlog of due jobs is never sorted whole.
            #expect(plans.allSatisfy { plan in !plan.contains { $0.hasPrefix("SCAN jobs") || $0.contains("TEMP B-TREE") } }, "\(plans)")
            await store.shutdown()
        } catch {
            await store.shutdown()
            throw error
        }
    }

    // MARK: - Helpers

    /// Runs every due job with the server's handlers, as one worker would, until none is due.
    static func runDueJobs(_ store: Store) async throws {
        let worker = JobWorker(name: "reminder-tests", queue: store.jobs, handlers: try jobHandlers(store: store, settings: .test),
                               logger: TestDatabase.logger)
        var ran = 0
        while try await worker.runOnce() {
            ran += 1
            guard ran < 1000 else { throw TestFailure("jobs keep making new jobs") }
        }
    }

    /// Runs `workers` side by side until none finds a due job.
    static func race(_ workers: [JobWorker]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in workers {
                group.addTask { while try await worker.runOnce() {} }
            }
            try await group.waitForAll()
        }
    }

    /// Queues a copy of every queued job of `kind`, with the same payload, subject and time.
    static func duplicateQueued(_ kind: String, in store: Store) async throws {
        for job in try await store.jobs.list(state: .queued, workspaceId: nil, limit: 500) where job.kind == kind {
            try await store.jobs.enqueue(kind, payload: job.payload, workspaceId: job.workspaceId, subject: job.subject, runAt: job.runAt)
        }
    }

    /// The reminder jobs still waiting for a booking, soonest first.
    static func reminderJobs(_ store: Store, bookingId: String) async throws -> [Job] {
        try await store.jobs.list(state: .queued, workspaceId: nil, limit: 500)
            .filter { $0.kind == JobKind.bookingRemind.rawValue && $0.subject == JobSubject.booking(bookingId) }
            .sorted { $0.runAt < $1.runAt }
    }

    /// The reminder messages written for a booking.
    static func reminders(_ app: TestApp, bookingId: String) async throws -> [OutboxMessage] {
        try await app.store.outbox.list(workspaceId: app.studio.workspace.id, bookingId: bookingId, limit: 100, offset: 0)
            .filter { $0.kind == "reminder" }
    }

    static func move(_ store: Store, to instant: Date) { move(store.time, to: instant) }

    static func move(_ time: TimeSource, to instant: Date) {
        time.advance(by: instant.timeIntervalSince(time.now()))
    }

    /// An instant-confirmation service of the studio's practitioner with its own reminder offsets.
    static func addService(_ app: TestApp, reminderOffsetsMinutes: [Int]) async throws -> Service {
        let service = try Service(id: Secrets.newID(), workspaceId: app.studio.workspace.id, name: "Own reminders", durationMinutes: 60,
                                  reminderOffsetsMinutes: reminderOffsetsMinutes, practitionerIds: [app.studio.practitioner.id]).validated()
        try await app.store.services.save(service, now: app.store.time.now())
        return service
    }
}
