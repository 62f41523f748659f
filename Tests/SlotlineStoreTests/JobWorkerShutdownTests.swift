import Foundation
import Logging
import ServiceLifecycle
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

/// A worker inside a ServiceGroup: graceful shutdown lets the running job finish and claims nothing
/// new; cancellation hands the running job back to the queue.
@Suite struct JobWorkerShutdownTests {
    /// A worker whose handler reports when it starts, then sleeps for `duration`.
    func slowWorker(_ store: Store, sleeping duration: Duration) -> (JobWorker, started: AsyncStream<String>) {
        let (started, starting) = AsyncStream.makeStream(of: String.self)
        let handler = TestJobHandler("report.build") { job in
            starting.yield(job.id)
            try await Task.sleep(for: duration)
        }
        let worker = JobWorker(name: "worker-1", queue: store.jobs, handlers: [handler], pollInterval: .milliseconds(20),
                               logger: TestDatabase.logger)
        return (worker, started)
    }

    @Test(arguments: TestDatabase.flavors)
    func gracefulShutdownLetsTheRunningJobFinish(flavor: SQLFlavor) async throws {
        try await TestDatabase.withStore(flavor, time: testClock()) { store in
            try await store.jobs.enqueue("report.build", payload: "{}")
            try await store.jobs.enqueue("report.build", payload: "{}")
            let (worker, started) = slowWorker(store, sleeping: .seconds(1))
            let group = ServiceGroup(configuration: .init(services: [worker], logger: TestDatabase.logger))

            let running = Task { try await group.run() }
            let runningJob = try #require(await started.first { _ in true })
            await group.triggerGracefulShutdown()
            try await running.value

            #expect(try await store.jobs.find(id: runningJob)?.state == .done)
            let left = try await store.jobs.list(state: .queued, workspaceId: nil)
            #expect(left.count == 1, "nothing new is claimed after shutdown begins")
            #expect(left.first?.attempts == 0)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aCancelledJobReturnsToTheQueue(flavor: SQLFlavor) async throws {
        try await TestDatabase.withStore(flavor, time: testClock()) { store in
            try await store.jobs.enqueue("report.build", payload: "{}")
            let (worker, started) = slowWorker(store, sleeping: .seconds(60))
            let group = ServiceGroup(configuration: .init(services: [worker], logger: TestDatabase.logger))

            let running = Task { try await group.run() }
            let interrupted = try #require(await started.first { _ in true })
            running.cancel()
            _ = await running.result

            let job = try await store.jobs.find(id: interrupted)
            #expect(job?.state == .queued)
            #expect(job?.attempts == 0, "an interrupted try is not an attempt")
            #expect(job?.leaseUntil == nil)
            #expect(try await store.jobs.claim(worker: "worker-2", lease: 60).map(\.id) == [interrupted])
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func anIdleWorkerStopsAtOnceOnGracefulShutdown(flavor: SQLFlavor) async throws {
        try await TestDatabase.withStore(flavor, time: testClock()) { store in
            let worker = JobWorker(name: "worker-1", queue: store.jobs, handlers: [], pollInterval: .seconds(30),
                                   logger: TestDatabase.logger)
            let group = ServiceGroup(configuration: .init(services: [worker], logger: TestDatabase.logger))
            let running = Task { try await group.run() }
            try await Task.sleep(for: .milliseconds(100))
            let begun = ContinuousClock.now

            await group.triggerGracefulShutdown()
            try await running.value

            #expect(ContinuousClock.now - begun < .seconds(5))
        }
    }
}
