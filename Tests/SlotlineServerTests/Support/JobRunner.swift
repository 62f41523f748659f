import Foundation
import SlotlineDesk
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport

/// The server's job handlers run by hand, as one worker would run them: what a booking change
/// enqueued happens when the test says so. Jobs due later run once the test advances `store.time`.
struct JobRunner: Sendable {
    let store: Store
    let worker: JobWorker

    init(store: Store, settings: ServerSettings = .test, name: String = "test-worker") throws {
        self.store = store
        worker = JobWorker(name: name, queue: store.jobs, handlers: try jobHandlers(store: store, settings: settings),
                           logger: TestDatabase.logger)
    }

    /// Runs every job due now, and those the run itself makes due, until none is left; returns how many ran.
    @discardableResult
    func runDue(limit: Int = 1000) async throws -> Int {
        var ran = 0
        while try await worker.runOnce() {
            ran += 1
            guard ran < limit else { throw TestFailure("more than \(limit) jobs in a row: a job keeps making new ones") }
        }
        return ran
    }

    /// Moves time forward by `seconds`, then runs what fell due.
    @discardableResult
    func advance(by seconds: TimeInterval) async throws -> Int {
        store.time.advance(by: seconds)
        return try await runDue()
    }

    /// The jobs of `kind`, newest change first, in every state.
    func jobs(_ kind: String, workspaceId: String? = nil) async throws -> [Job] {
        try await store.jobs.list(state: nil, workspaceId: workspaceId, limit: 500).filter { $0.kind == kind }
    }
}
