import Foundation
import SlotlineCore
import SlotlineStore

/// Measures the reminder scan: how long claiming the due reminders takes when the store holds
/// many bookings, each with its reminder jobs queued for later. The claim must read the index of
/// due jobs, not every booking or every job.
struct ReminderScanBenchmark: Sendable {
    struct Figures: Sendable {
        var bookings: Int
        var queuedReminders: Int
        var due: Int
        /// Per claimed reminder.
        var latency: Latency
        /// The database's plan for the claim query.
        var plan: String
    }

    let store: Store

    /// Seeds `bookings` confirmed bookings over the next year with two queued reminders each, then
    /// times `runs` claims while `duePerRun` reminders are due.
    func run(bookings total: Int, runs: Int, duePerRun: Int = 10) async throws -> Figures {
        let bench = try await BookingBenchmark.prepare(store)
        let now = store.time.now()
        let batch = 400
        var seeded = 0
        while seeded < total {
            let count = min(batch, total - seeded)
            // Starts from two days ahead onwards, so no reminder is due while seeding.
            let bookings = (seeded..<seeded + count).map { index in
                bench.seedBooking(startingAt: now.addingTimeInterval(2 * 86_400 + Double(index % (365 * 24 * 60)) * 60), createdAt: now)
            }
            try await store.bulkLoad.insert(bookings)
            try await store.bulkLoad.enqueue(bookings.flatMap { booking in
                [1440, 60].map { offset in
                    NewJob(ReminderDue(bookingId: booking.id, workspaceId: booking.workspaceId, offsetMinutes: offset, startsAt: booking.startsAt),
                           workspaceId: booking.workspaceId, subject: JobSubject.booking(booking.id),
                           runAt: booking.startsAt.addingTimeInterval(-Double(offset) * 60))
                }
            })
            seeded += count
        }
        let queue = store.jobs
        let clock = ContinuousClock()
        var durations: [Duration] = []
        for run in 0..<runs {
            // A few reminders fall due now; the claim has to find just those.
            for index in 0..<duePerRun {
                try await queue.enqueue(JobKind.bookingRemind.rawValue, payload: "{}", workspaceId: bench.workspace.id, subject: "bench:\(run):\(index)",
                                        runAt: now.addingTimeInterval(-1))
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
        return Figures(bookings: total, queuedReminders: total * 2, due: duePerRun, latency: Latency(durations),
                       plan: try await queue.dueScanPlan(limit: 10).joined(separator: "; "))
    }
}
