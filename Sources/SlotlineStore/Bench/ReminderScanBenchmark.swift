import Foundation
import SlotlineCore
import SQLKit

/// Measures the reminder scan: how long claiming the due reminders takes when the store holds
/// many bookings, each with its reminder jobs queued for later. The claim must read the index of
/// due jobs, not every booking or every job.
public struct ReminderScanBenchmark: Sendable {
    public struct Figures: Sendable {
        public var bookings: Int
        public var queuedReminders: Int
        public var due: Int
        public var p50: Duration
        public var p99: Duration
        /// The database's plan for the claim query.
        public var plan: String
    }

    let store: Store

    public init(store: Store) { self.store = store }

    /// Seeds `bookings` confirmed bookings over the next year with two queued reminders each, then
    /// times `runs` claims while `duePerRun` reminders are due.
    public func run(bookings total: Int, runs: Int, duePerRun: Int = 10) async throws -> Figures {
        let bench = try await BookingBenchmark.prepare(store)
        let now = store.time.now()
        let batch = 400
        var seeded = 0
        while seeded < total {
            let count = min(batch, total - seeded)
            var bookingRecords: [BookingRecord] = []
            var jobRecords: [JobRecord] = []
            for index in 0..<count {
                // Starts from two days ahead onwards, so no reminder is due while seeding.
                let start = now.addingTimeInterval(2 * 86_400 + Double((seeded + index) % (365 * 24 * 60)) * 60)
                let booking = Booking(id: Secrets.newID(), workspaceId: bench.workspace.id, serviceId: bench.service.id,
                                      practitionerId: bench.practitioner.id, state: .confirmed, startsAt: start,
                                      endsAt: start.addingTimeInterval(3600),
                                      customer: Customer(name: "Seed", email: "seed@example.com", timeZone: "UTC"),
                                      createdAt: now, updatedAt: now)
                bookingRecords.append(BookingRecord(booking, manageTokenHash: booking.id))
                for offset in [1440, 60] {
                    let due = ReminderDue(bookingId: booking.id, workspaceId: booking.workspaceId, offsetMinutes: offset, startsAt: start)
                    jobRecords.append(JobRecord(id: Secrets.newID(), kind: Reminders.job, payload: Row.json(due), workspaceId: booking.workspaceId,
                                                subject: BookingEvents.subject(booking.id), state: Job.State.queued.rawValue, attempts: 0,
                                                maxAttempts: 8, runAt: start.addingTimeInterval(-Double(offset) * 60).unixSeconds,
                                                leaseUntil: nil, lockedBy: nil, lastError: nil,
                                                createdAt: now.unixSeconds, updatedAt: now.unixSeconds))
                }
            }
            try await store.database.write { db in
                try await db.insert(into: BookingRecord.table).models(bookingRecords, with: Row.encoder).run()
                try await db.insert(into: JobRecord.table).models(jobRecords, with: Row.encoder).run()
            }
            seeded += count
        }
        let queue = store.jobs
        let clock = ContinuousClock()
        var durations: [Duration] = []
        for run in 0..<runs {
            // A few reminders fall due now; the claim has to find just those.
            try await store.database.write { db in
                for index in 0..<duePerRun {
                    try await JobQueue.enqueue(Reminders.job, payload: "{}", workspaceId: bench.workspace.id, subject: "bench:\(run):\(index)",
                                               runAt: now.addingTimeInterval(-1), now: now, in: db)
                }
            }
            let started = clock.now
            var claimed = 0
            while claimed < duePerRun {
                let jobs = try await queue.claim(worker: "bench", limit: duePerRun, lease: 60)
                guard !jobs.isEmpty else { break }
                claimed += jobs.count
                for job in jobs { try await queue.complete(job, worker: "bench") }
            }
            durations.append((clock.now - started) / max(1, claimed))
        }
        durations.sort()
        return Figures(bookings: total, queuedReminders: total * 2, due: duePerRun, p50: durations[durations.count / 2],
                       p99: durations[min(durations.count - 1, durations.count * 99 / 100)], plan: try await claimPlan())
    }

    /// `EXPLAIN` of the claim's selection, as the database will run it.
    func claimPlan() async throws -> String {
        let due = JobQueue.due(now: store.time.now().unixSeconds) + " LIMIT 10"
        return try await store.database.read { db in
            switch store.database.flavor {
            case .sqlite:
                return try await db.raw("EXPLAIN QUERY PLAN " + due).all()
                    .map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "; ")
            case .postgres:
                return try await db.raw("EXPLAIN " + due).all()
                    .map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "; ")
            }
        }
    }
}
