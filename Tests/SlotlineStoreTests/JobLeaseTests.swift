import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

/// A worker that dies keeps its job only until its lease ends; then another worker takes it over.
@Suite struct JobLeaseTests {
    @Test(arguments: TestDatabase.flavors)
    func aDeadWorkersJobIsClaimedAgainOnlyAfterItsLease(flavor: SQLFlavor) async throws {
        let time = testClock()
        try await TestDatabase.withStore(flavor, time: time) { store in
            try await store.jobs.enqueue("mail.send", payload: "{}")
            let lost = try #require(try await store.jobs.claim(worker: "dies", lease: 60).first)

            time.advance(by: 59)
            let duringLease = try await store.jobs.claim(worker: "survivor", lease: 60)
            time.advance(by: 2)
            let afterLease = try await store.jobs.claim(worker: "survivor", lease: 60)

            #expect(duringLease.isEmpty)
            #expect(afterLease.map(\.id) == [lost.id])
            #expect(afterLease.first?.attempts == 2)
            #expect(afterLease.first?.leaseUntil == time.now().addingTimeInterval(60))
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aLapsedJobIsTakenBeforeDueOnesAndTheLimitHoldsAcrossBoth(flavor: SQLFlavor) async throws {
        let time = testClock()
        try await TestDatabase.withStore(flavor, time: time) { store in
            try await store.jobs.enqueue("lost", payload: "{}")
            _ = try await store.jobs.claim(worker: "dies", lease: 60)
            time.advance(by: 120)
            for minutes in [1.0, 3, 2] {
                try await store.jobs.enqueue("due.\(Int(minutes))", payload: "{}", runAt: time.now().addingTimeInterval(-minutes * 60))
            }

            let first = try await store.jobs.claim(worker: "survivor", limit: 3, lease: 60)
            let rest = try await store.jobs.claim(worker: "survivor", limit: 3, lease: 60)

            #expect(Set(first.map(\.kind)) == ["lost", "due.3", "due.2"])
            #expect(rest.map(\.kind) == ["due.1"])
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aWorkerWhoseLeaseWasTakenOverCannotFinishTheJob(flavor: SQLFlavor) async throws {
        let time = testClock()
        try await TestDatabase.withStore(flavor, time: time) { store in
            try await store.jobs.enqueue("mail.send", payload: "{}")
            let slow = try #require(try await store.jobs.claim(worker: "slow", lease: 60).first)
            time.advance(by: 61)
            let takenOver = try #require(try await store.jobs.claim(worker: "survivor", lease: 60).first)

            try await store.jobs.complete(slow, worker: "slow")
            let afterLateComplete = try await store.jobs.find(id: slow.id)
            try await store.jobs.fail(slow, worker: "slow", error: "late")
            let afterLateFail = try await store.jobs.find(id: slow.id)
            try await store.jobs.complete(takenOver, worker: "survivor")

            #expect(afterLateComplete?.state == .running)
            #expect(afterLateFail?.state == .running)
            #expect(afterLateFail?.lastError == nil)
            #expect(try await store.jobs.find(id: slow.id)?.state == .done)
        }
    }
}
