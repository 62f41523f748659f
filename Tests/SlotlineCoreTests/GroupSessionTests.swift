import Foundation
import Testing
@testable import SlotlineCore

/// A group class with 5 seats, Monday 2026-03-09 10:00–11:00 and 11:00–12:00 UTC.
@Suite struct GroupSessionTests {
    let yoga = slotFinder([.monday: [hours("10:00", "12:00")]],
                      rules: SlotRules(durationMinutes: 60, capacity: 5), serviceId: "yoga")
    let from = instant("2026-03-09T00:00:00Z")
    let to = instant("2026-03-10T00:00:00Z")
    let now = instant("2026-03-01T00:00:00Z")
    let ten = instant("2026-03-09T10:00:00Z")

    func seat(_ seats: Int = 1, service: String? = "yoga", start: String = "2026-03-09T10:00:00Z",
              end: String = "2026-03-09T11:00:00Z") -> BusyBlock {
        busy(start, end, serviceId: service, seats: seats)
    }

    @Test func anEmptyClassOffersEverySeat() {
        let slots = yoga.slots(from: from, to: to, now: now, busy: [])

        #expect(slots.map(\.seatsLeft) == [5, 5])
    }

    @Test func seatsLeftCountsDownAsCustomersJoin() {
        var taken: [BusyBlock] = []
        var seen: [Int] = []
        for _ in 0..<4 {
            taken.append(seat())
            seen.append(yoga.slots(from: from, to: to, now: now, busy: taken).first { $0.start == ten }?.seatsLeft ?? 0)
        }

        #expect(seen == [4, 3, 2, 1])
    }

    @Test func fiveSeatsFillTheClass() {
        let slots = yoga.slots(from: from, to: to, now: now, busy: [seat(2), seat(3)])

        #expect(starts(slots) == ["2026-03-09T11:00:00Z"])
        #expect(slots.first?.seatsLeft == 5)
    }

    @Test func aFullClassIsUnavailableToCheck() {
        let error = #expect(throws: SlotlineError.self) {
            try yoga.check(start: ten, now: now, busy: [seat(5)])
        }
        #expect(error?.code == .slotUnavailable)
        #expect(error?.field == "startsAt")
    }

    @Test func checkReturnsTheSeatsLeftAfterBooking() throws {
        let left = try yoga.check(start: ten, now: now, busy: [seat(2)], seats: 2)

        #expect(left == 1)
    }

    @Test func askingForMoreSeatsThanAreLeftIsRefused() {
        let slots = yoga.slots(from: from, to: to, now: now, busy: [seat(3)], seats: 3)
        let error = #expect(throws: SlotlineError.self) {
            try yoga.check(start: ten, now: now, busy: [seat(3)], seats: 3)
        }

        #expect(!slots.contains { $0.start == ten })
        #expect(error?.code == .slotUnavailable)
    }

    @Test func anotherServicesBookingBlocksTheClassEntirely() {
        let slots = yoga.slots(from: from, to: to, now: now, busy: [seat(service: "massage")])

        #expect(starts(slots) == ["2026-03-09T11:00:00Z"])
    }

    @Test func aOneToOneBookingWithoutServiceBlocksTheClass() {
        let slots = yoga.slots(from: from, to: to, now: now, busy: [seat(service: nil)])

        #expect(!slots.contains { $0.start == ten })
    }

    @Test func theSameClassAtAnOverlappingStartBlocksIt() {
        let slots = yoga.slots(from: from, to: to, now: now,
                               busy: [seat(start: "2026-03-09T10:30:00Z", end: "2026-03-09T11:30:00Z")])

        #expect(slots.isEmpty)
    }

    @Test func aOneToOneServiceNeverSharesItsSlot() {
        let single = slotFinder([.monday: [hours("10:00", "12:00")]],
                            rules: SlotRules(durationMinutes: 60, capacity: 1), serviceId: "yoga")

        let slots = single.slots(from: from, to: to, now: now, busy: [seat()])

        #expect(starts(slots) == ["2026-03-09T11:00:00Z"])
    }
}
