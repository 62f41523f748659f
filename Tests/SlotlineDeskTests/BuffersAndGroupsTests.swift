import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import Testing

/// Buffers and group seats, enforced by the store's conflict check.
@Suite struct BuffersAndGroupsTests {
    @Test(arguments: TestDatabase.flavors)
    func aGroupSessionSellsExactlyItsSeats(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            for name in ["A", "B", "C", "D", "E"] {
                try await studio.book(studio.group, at: nine, in: store, customer: name)
            }

            let error = await #expect(throws: SlotlineError.self) {
                try await studio.book(studio.group, at: nine, in: store, customer: "F")
            }

            #expect(error?.code == .slotUnavailable)
            #expect(try await store.count("bookings") == 5)
            #expect(try await !store.offers(studio.group, at: nine))
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aPartyLargerThanTheSeatsLeftIsRefused(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            try await studio.book(studio.group, at: nine, in: store, customer: "A", seats: 3)

            let error = await #expect(throws: SlotlineError.self) {
                try await studio.book(studio.group, at: nine, in: store, customer: "B", seats: 3)
            }
            let pair = try await studio.book(studio.group, at: nine, in: store, customer: "C", seats: 2)

            #expect(error?.code == .slotUnavailable)
            #expect(pair.booking.seats == 2)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aGroupSessionBlocksOtherServicesAtTheSameTime(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            try await studio.book(studio.group, at: nine, in: store, customer: "A")

            let error = await #expect(throws: SlotlineError.self) {
                try await studio.book(studio.instant, at: nine, in: store, customer: "B")
            }

            #expect(error?.code == .slotUnavailable)
            #expect(try await !store.offers(studio.instant, at: nine))
            #expect(try await store.offers(studio.group, at: nine))
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aOneToOneBookingBlocksTheGroupSession(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let nine = studio.opening(after: time.now())
            try await studio.book(studio.instant, at: nine, in: store, customer: "A")

            let error = await #expect(throws: SlotlineError.self) {
                try await studio.book(studio.group, at: nine, in: store, customer: "B")
            }

            #expect(error?.code == .slotUnavailable)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aBufferAfterKeepsTheNextHourFree(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let massage = try await studio.addService("Massage", in: store) { $0.bufferAfterMinutes = 30 }
            let ten = hours(1, after: studio.opening(after: time.now()))
            try await studio.book(massage, at: ten, in: store, customer: "A")

            let error = await #expect(throws: SlotlineError.self) {
                try await studio.book(studio.instant, at: hours(1, after: ten), in: store, customer: "B")
            }
            let later = try await studio.book(studio.instant, at: hours(2, after: ten), in: store, customer: "C")

            #expect(error?.code == .slotUnavailable)
            #expect(later.booking.state == .confirmed)
            #expect(try await !store.offers(studio.instant, at: hours(1, after: ten)))
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aBufferBeforeNeedsTheHourBeforeFree(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let surgery = try await studio.addService("Surgery", in: store) { $0.bufferBeforeMinutes = 15 }
            let ten = hours(1, after: studio.opening(after: time.now()))
            try await studio.book(studio.instant, at: ten, in: store, customer: "A")

            let error = await #expect(throws: SlotlineError.self) {
                try await studio.book(surgery, at: hours(1, after: ten), in: store, customer: "B")
            }

            #expect(error?.code == .slotUnavailable)
            #expect(try await store.offers(surgery, at: hours(2, after: ten)))
        }
    }
}
