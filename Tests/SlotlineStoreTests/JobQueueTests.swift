import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

/// The durable job queue (SPEC §8): claim with a lease, retry with backoff, park when exhausted.
@Suite struct JobQueueTests {
    func worker(_ store: Store, _ handler: @escaping @Sendable (Job) async throws -> Void) -> JobWorker {
        JobWorker(name: "worker-1", queue: store.jobs, handlers: [TestJobHandler("mail.send", handler)], lease: 60,
                  logger: TestDatabase.logger)
    }

    @Test(arguments: TestDatabase.flavors)
    func aJobIsClaimedOnceAndCompleted(flavor: SQLFlavor) async throws {
        try await TestDatabase.withStore(flavor, time: testClock()) { store in
            try await store.jobs.enqueue("mail.send", payload: #"{"to":"grace@example.com"}"#, workspaceId: "ws-1")

            let claimed = try await store.jobs.claim(worker: "worker-1", lease: 60)
            let secondClaim = try await store.jobs.claim(worker: "worker-2", lease: 60)
            try await store.jobs.complete(try #require(claimed.first), worker: "worker-1")

            #expect(claimed.count == 1)
            #expect(claimed.first?.state == .running)
            #expect(claimed.first?.attempts == 1)
            #expect(claimed.first?.payload == #"{"to":"grace@example.com"}"#)
            #expect(claimed.first?.leaseUntil == testNow.addingTimeInterval(60))
            #expect(secondClaim.isEmpty)
            let done = try await store.jobs.find(id: try #require(claimed.first).id)
            #expect(done?.state == .done)
            #expect(done?.leaseUntil == nil)
            #expect(try await store.jobs.claim(worker: "worker-2", lease: 60).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aJobWaitsForItsTime(flavor: SQLFlavor) async throws {
        let time = testClock()
        try await TestDatabase.withStore(flavor, time: time) { store in
            try await store.jobs.enqueue("reminder.send", payload: "{}", runAt: time.now().addingTimeInterval(600))

            let early = try await store.jobs.claim(worker: "worker-1", lease: 60)
            time.advance(by: 600)
            let onTime = try await store.jobs.claim(worker: "worker-1", lease: 60)

            #expect(early.isEmpty)
            #expect(onTime.map(\.kind) == ["reminder.send"])
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func theOldestDueJobsAreClaimedFirstUpToTheLimit(flavor: SQLFlavor) async throws {
        let time = testClock()
        try await TestDatabase.withStore(flavor, time: time) { store in
            for minutes in [3.0, 1, 2] {
                try await store.jobs.enqueue("job.\(Int(minutes))", payload: "{}", runAt: time.now().addingTimeInterval(-minutes * 60))
            }

            let claimed = try await store.jobs.claim(worker: "worker-1", limit: 2, lease: 60)

            #expect(claimed.map(\.kind) == ["job.3", "job.2"])
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aFailingJobIsRetriedWithGrowingBackoff(flavor: SQLFlavor) async throws {
        let time = testClock()
        try await TestDatabase.withStore(flavor, time: time) { store in
            try await store.jobs.enqueue("mail.send", payload: "{}", maxAttempts: 3)
            let worker = worker(store) { _ in throw HandlerFailure() }

            #expect(try await worker.runOnce())
            let afterFirst = try #require(try await store.jobs.list(state: nil, workspaceId: nil).first)
            let retriedAtOnce = try await worker.runOnce()
            time.advance(by: 10)
            #expect(try await worker.runOnce())
            let afterSecond = try #require(try await store.jobs.find(id: afterFirst.id))

            #expect(afterFirst.state == .queued)
            #expect(afterFirst.attempts == 1)
            #expect(afterFirst.lastError == "mail server said no")
            #expect((5...7).contains(afterFirst.runAt.timeIntervalSince(testNow)), "first retry after 5 s plus jitter")
            #expect(retriedAtOnce == false, "not retried before its backoff")
            #expect(afterSecond.state == .queued)
            #expect(afterSecond.attempts == 2)
            #expect((10...13).contains(afterSecond.runAt.timeIntervalSince(time.now())), "second retry after 10 s plus jitter")
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aJobOutOfAttemptsIsParkedAsFailed(flavor: SQLFlavor) async throws {
        let time = testClock()
        try await TestDatabase.withStore(flavor, time: time) { store in
            try await store.jobs.enqueue("mail.send", payload: "{}", maxAttempts: 3)
            let worker = worker(store) { _ in throw HandlerFailure() }

            for _ in 0..<3 {
                #expect(try await worker.runOnce())
                time.advance(by: 3600)
            }

            let parked = try await store.jobs.list(state: .failed, workspaceId: nil)
            #expect(parked.count == 1)
            #expect(parked.first?.attempts == 3)
            #expect(parked.first?.lastError == "mail server said no")
            #expect(try await worker.runOnce() == false, "a parked job is not claimed again")
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aPermanentErrorParksTheJobAtOnce(flavor: SQLFlavor) async throws {
        try await TestDatabase.withStore(flavor, time: testClock()) { store in
            try await store.jobs.enqueue("mail.send", payload: "{}")
            let worker = worker(store) { _ in throw JobError.permanent("recipient deleted") }

            try await worker.runOnce()

            let parked = try await store.jobs.list(state: .failed, workspaceId: nil)
            #expect(parked.first?.attempts == 1)
            #expect(parked.first?.lastError == "recipient deleted")
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aJobNoWorkerKnowsIsParked(flavor: SQLFlavor) async throws {
        try await TestDatabase.withStore(flavor, time: testClock()) { store in
            try await store.jobs.enqueue("fax.send", payload: "{}")
            let worker = worker(store) { _ in }

            try await worker.runOnce()

            let parked = try await store.jobs.list(state: .failed, workspaceId: nil)
            #expect(parked.map(\.kind) == ["fax.send"])
            #expect(parked.first?.lastError == "no handler for kind fax.send")
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func retryPutsAParkedJobBackWithFreshAttempts(flavor: SQLFlavor) async throws {
        try await TestDatabase.withStore(flavor, time: testClock()) { store in
            try await store.jobs.enqueue("mail.send", payload: "{}", workspaceId: "ws-1", maxAttempts: 1)
            try await worker(store) { _ in throw HandlerFailure() }.runOnce()
            let parked = try #require(try await store.jobs.list(state: .failed, workspaceId: "ws-1").first)

            let retried = try await store.jobs.retry(id: parked.id, workspaceId: "ws-1")
            let ran = try await worker(store) { _ in }.runOnce()

            #expect(retried.state == .queued)
            #expect(retried.attempts == 0)
            #expect(ran)
            #expect(try await store.jobs.find(id: parked.id)?.state == .done)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func onlyAParkedJobOfTheWorkspaceCanBeRetried(flavor: SQLFlavor) async throws {
        try await TestDatabase.withStore(flavor, time: testClock()) { store in
            try await store.jobs.enqueue("mail.send", payload: "{}", workspaceId: "ws-1")
            let queued = try #require(try await store.jobs.list(state: .queued, workspaceId: "ws-1").first)

            let notParked = await #expect(throws: SlotlineError.self) {
                try await store.jobs.retry(id: queued.id, workspaceId: "ws-1")
            }
            let elsewhere = await #expect(throws: SlotlineError.self) {
                try await store.jobs.retry(id: queued.id, workspaceId: "ws-2")
            }

            #expect(notParked?.code == .invalidState)
            #expect(elsewhere?.code == .notFound)
        }
    }
}
