import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import Testing

/// The free start times the booking page shows.
@Suite struct SlotQueryTests {
    /// Offered start times on the day of `nine`, as hours after 09:00, with their seats left.
    func day(of service: Service, from nine: Date, in store: Store) async throws -> [Double: Int] {
        let offered = try await store.slots.slots(workspaceId: service.workspaceId, serviceId: service.id, practitionerId: nil,
                                                  from: nine, to: hours(24, after: nine))
        return Dictionary(uniqueKeysWithValues: offered.map { ($0.slot.start.timeIntervalSince(nine) / 3600, $0.slot.seatsLeft) })
    }

    @Test(arguments: TestDatabase.flavors)
    func takenSlotsAreHidden(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            try await studio.book(studio.instant, at: hours(1, after: nine), in: store)
            try await studio.book(studio.manual, at: hours(4, after: nine), in: store)

            let offered = try await day(of: studio.instant, from: nine, in: store)

            #expect(offered.keys.sorted() == [0, 2, 3, 5, 6, 7])
            #expect(offered.values.allSatisfy { $0 == 1 })
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func groupSlotsShowTheSeatsLeft(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            try await studio.book(studio.group, at: nine, in: store, customer: "A", seats: 2)
            try await studio.book(studio.group, at: nine, in: store, customer: "B")

            let offered = try await day(of: studio.group, from: nine, in: store)

            #expect(offered[0] == 2)
            #expect(offered[1] == 5)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aLapsedPaymentHoldFreesItsSlotBeforeTheJobRuns(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            try await studio.book(studio.paid, at: nine, in: store)
            #expect(try await day(of: studio.paid, from: nine, in: store)[0] == nil)

            time.advance(by: 31 * 60)

            #expect(try await day(of: studio.paid, from: nine, in: store)[0] == 1)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aWindowOfMoreThanSixtyTwoDaysIsRefused(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let from = time.now()

            let error = await #expect(throws: SlotlineError.self) {
                try await store.slots.slots(workspaceId: studio.workspace.id, serviceId: studio.instant.id, practitionerId: nil,
                                            from: from, to: from.addingTimeInterval(62 * 86_400 + 1))
            }
            let longest = try await store.slots.slots(workspaceId: studio.workspace.id, serviceId: studio.instant.id, practitionerId: nil,
                                                      from: from, to: from.addingTimeInterval(62 * 86_400))

            #expect(error?.code == .invalidParameter)
            #expect(error?.field == "to")
            #expect(longest.count == 62 * 8)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func slotsOfAnotherWorkspacesServiceAreNotFound(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let other = try await Studio.create(in: store, slug: "other")

            let error = await #expect(throws: SlotlineError.self) {
                try await store.slots.slots(workspaceId: other.workspace.id, serviceId: studio.instant.id, practitionerId: nil,
                                            from: time.now(), to: hours(24, after: time.now()))
            }

            #expect(error?.code == .notFound)
        }
    }
}
