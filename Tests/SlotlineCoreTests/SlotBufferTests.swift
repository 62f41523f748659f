import Foundation
import Testing
@testable import SlotlineCore

/// Buffers keep meetings apart: each side's buffer must stay clear of the other side's meeting,
/// but two buffers may overlap. Practitioner works 08:00–14:00 UTC on Monday 2026-03-09.
@Suite struct SlotBufferTests {
    let window = (from: instant("2026-03-09T00:00:00Z"), to: instant("2026-03-10T00:00:00Z"))
    let now = instant("2026-03-01T00:00:00Z")

    func offered(before: Int = 0, after: Int = 0, busy taken: [BusyBlock]) -> [String] {
        let finder = slotFinder([.monday: [hours("08:00", "14:00")]],
                            rules: SlotRules(durationMinutes: 60, bufferBeforeMinutes: before,
                                             bufferAfterMinutes: after, slotIntervalMinutes: 30))
        return starts(finder.slots(from: window.from, to: window.to, now: now, busy: taken))
    }

    @Test func withoutBuffersMeetingsMayTouch() {
        let slots = offered(busy: [busy("2026-03-09T10:00:00Z", "2026-03-09T11:00:00Z")])

        #expect(slots.contains("2026-03-09T09:00:00Z"))
        #expect(!slots.contains("2026-03-09T09:30:00Z"))
        #expect(!slots.contains("2026-03-09T10:00:00Z"))
        #expect(!slots.contains("2026-03-09T10:30:00Z"))
        #expect(slots.contains("2026-03-09T11:00:00Z"))
    }

    @Test func theExistingBookingsBufferAfterPushesTheNextStartBack() {
        let slots = offered(busy: [busy("2026-03-09T10:00:00Z", "2026-03-09T11:00:00Z", after: 30)])

        #expect(!slots.contains("2026-03-09T11:00:00Z"))
        #expect(slots.contains("2026-03-09T11:30:00Z"))
        #expect(slots.contains("2026-03-09T09:00:00Z"))
    }

    @Test func theExistingBookingsBufferBeforePushesThePreviousStartForward() {
        let slots = offered(busy: [busy("2026-03-09T10:00:00Z", "2026-03-09T11:00:00Z", before: 30)])

        #expect(!slots.contains("2026-03-09T09:00:00Z"))
        #expect(slots.contains("2026-03-09T08:30:00Z"))
        #expect(slots.contains("2026-03-09T11:00:00Z"))
    }

    @Test func theNewSlotsBufferBeforeMustNotTouchTheEarlierMeeting() {
        let slots = offered(before: 30, busy: [busy("2026-03-09T10:00:00Z", "2026-03-09T11:00:00Z")])

        #expect(!slots.contains("2026-03-09T11:00:00Z"))
        #expect(slots.contains("2026-03-09T11:30:00Z"))
        #expect(slots.contains("2026-03-09T09:00:00Z"))
    }

    @Test func theNewSlotsBufferAfterMustNotTouchTheLaterMeeting() {
        let slots = offered(after: 30, busy: [busy("2026-03-09T10:00:00Z", "2026-03-09T11:00:00Z")])

        #expect(!slots.contains("2026-03-09T09:00:00Z"))
        #expect(slots.contains("2026-03-09T08:30:00Z"))
        #expect(slots.contains("2026-03-09T11:00:00Z"))
    }

    @Test func buffersMayOverlapEachOther() {
        // The booking's 30 min after (11:00–11:30) and the slot's 30 min before (11:00–11:30) overlap.
        let slots = offered(before: 30, busy: [busy("2026-03-09T10:00:00Z", "2026-03-09T11:00:00Z", after: 30)])

        #expect(slots.contains("2026-03-09T11:30:00Z"))
        #expect(!slots.contains("2026-03-09T11:00:00Z"))
    }

    @Test func aBufferLongerThanTheGapBlocksTheSlotBetweenTwoMeetings() {
        let taken = [busy("2026-03-09T09:00:00Z", "2026-03-09T10:00:00Z"),
                     busy("2026-03-09T11:00:00Z", "2026-03-09T12:00:00Z")]

        #expect(offered(busy: taken).contains("2026-03-09T10:00:00Z"))
        #expect(!offered(after: 15, busy: taken).contains("2026-03-09T10:00:00Z"))
        #expect(!offered(before: 15, busy: taken).contains("2026-03-09T10:00:00Z"))
    }

    @Test func aLongMeetingFarEarlierStillBlocksLaterStarts() {
        let slots = offered(busy: [busy("2026-03-09T02:00:00Z", "2026-03-09T12:00:00Z"),
                                   busy("2026-03-09T08:00:00Z", "2026-03-09T08:30:00Z")])

        #expect(slots == ["2026-03-09T12:00:00Z", "2026-03-09T12:30:00Z", "2026-03-09T13:00:00Z"])
    }

    @Test func aBookingBlocksWithItsOwnBuffers() {
        let customer = Customer(name: "Ana", email: "ana@example.com", timeZone: "Europe/Lisbon")
        let booking = Booking(id: "b1", workspaceId: "w1", serviceId: "other", practitionerId: "p1", state: .confirmed,
                              startsAt: instant("2026-03-09T10:00:00Z"), endsAt: instant("2026-03-09T11:00:00Z"),
                              bufferBeforeMinutes: 0, bufferAfterMinutes: 60, customer: customer,
                              createdAt: now, updatedAt: now)

        let slots = offered(busy: [booking.busyBlock])

        #expect(!slots.contains("2026-03-09T11:30:00Z"))
        #expect(slots.contains("2026-03-09T12:00:00Z"))
    }
}
