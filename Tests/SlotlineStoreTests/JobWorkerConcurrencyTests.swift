import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

/// Two workers (on PostgreSQL in two replicas) drain one queue: every job runs, and none runs twice.
@Suite struct JobWorkerConcurrencyTests {
    @Test(arguments: TestDatabase.flavors)
    func twoWorkersRunEveryJobExactlyOnce(flavor: SQLFlavor) async throws {
        let time = testClock()
        try await withReplicas(flavor, time: time) { stores in
            try await stores[0].write { tx in
                for index in 0..<200 { try await tx.jobs.enqueue("mail.send", payload: #"{"n":\#(index)}"#) }
            }
            let executions = Executions()
            let workers = ["worker-a", "worker-b"].enumerated().map { index, name in
                JobWorker(name: name, queue: stores[index % stores.count].jobs,
                          handlers: [TestJobHandler("mail.send") { await executions.record($0) }], logger: TestDatabase.logger)
            }

            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in workers {
                    group.addTask { while try await worker.runOnce() {} }
                }
                try await group.waitForAll()
            }

            let ran = await executions.jobIds
            #expect(ran.count == 200)
            #expect(Set(ran).count == 200)
            #expect(try await stores[0].jobs.list(state: .done, workspaceId: nil, limit: 500).count == 200)
        }
    }
}
