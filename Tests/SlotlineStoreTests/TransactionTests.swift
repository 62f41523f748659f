import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import SQLKit
import Testing

/// `Database.write` commits all of its body or none of it, also when the task running it is cancelled
/// (a client hanging up mid-request, a shutdown).
@Suite struct TransactionTests {
    @Test(arguments: TestDatabase.flavors)
    func aFailedWriteLeavesNothingBehind(flavor: SQLFlavor) async throws {
        try await TestDatabase.withStore(flavor, time: testClock()) { store throws in
            await #expect(throws: SlotlineError.self) {
                try await store.write { tx in
                    try await tx.jobs.enqueue("mail.send", payload: "{}")
                    throw SlotlineError.invalid("payload")
                }
            }

            #expect(try await store.count("jobs") == 0)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aWriteCancelledHalfwayLeavesNothingBehindAndTheNextWriteWorks(flavor: SQLFlavor) async throws {
        try await TestDatabase.withStore(flavor, time: testClock()) { store in
            let (halfway, reachedHalfway) = AsyncStream.makeStream(of: Void.self)
            let write = Task {
                try await store.write { tx in
                    try await tx.jobs.enqueue("half.done", payload: "{}")
                    reachedHalfway.yield()
                    try await Task.sleep(for: .seconds(60))
                }
            }
            await halfway.first { _ in true }

            write.cancel()
            _ = await write.result
            // Enough writes that every pooled connection, the cancelled one included, is used again.
            for _ in 0..<20 { try await store.jobs.enqueue("after.cancel", payload: "{}") }

            #expect(try await store.jobs.list(state: nil, workspaceId: nil).map(\.kind) == Array(repeating: "after.cancel", count: 20))
        }
    }
}
