import Foundation
import Testing
@testable import SlotlineCore

/// Start times from weekly hours, exceptions and the booking window (practitioner in UTC).
/// 2026-03-09 is a Monday.
@Suite struct SlotFinderTests {
    let longBefore = instant("2026-03-01T00:00:00Z")

    @Test func weeklyHoursGiveOneSlotPerDurationFromTheRangeStart() {
        let finder = slotFinder([.monday: [hours("09:00", "12:00")]], rules: SlotRules(durationMinutes: 60))

        let slots = finder.slots(from: instant("2026-03-09T00:00:00Z"), to: instant("2026-03-10T00:00:00Z"),
                                 now: longBefore, busy: [])

        #expect(starts(slots) == ["2026-03-09T09:00:00Z", "2026-03-09T10:00:00Z", "2026-03-09T11:00:00Z"])
        #expect(slots.map(\.end) == [instant("2026-03-09T10:00:00Z"), instant("2026-03-09T11:00:00Z"),
                                     instant("2026-03-09T12:00:00Z")])
        #expect(slots.allSatisfy { $0.seatsLeft == 1 })
    }

    @Test func onlyDaysWithHoursHaveSlots() {
        let finder = slotFinder([.monday: [hours("09:00", "10:00")], .wednesday: [hours("14:00", "15:00")]],
                            rules: SlotRules(durationMinutes: 60))

        let slots = finder.slots(from: instant("2026-03-09T00:00:00Z"), to: instant("2026-03-16T00:00:00Z"),
                                 now: longBefore, busy: [])

        #expect(starts(slots) == ["2026-03-09T09:00:00Z", "2026-03-11T14:00:00Z"])
    }

    @Test func severalRangesInADayAreOfferedInOrder() {
        let finder = slotFinder([.monday: [hours("14:00", "16:00"), hours("09:00", "11:00")]],
                            rules: SlotRules(durationMinutes: 60))

        let slots = finder.slots(from: instant("2026-03-09T00:00:00Z"), to: instant("2026-03-10T00:00:00Z"),
                                 now: longBefore, busy: [])

        #expect(starts(slots) == ["2026-03-09T09:00:00Z", "2026-03-09T10:00:00Z",
                                  "2026-03-09T14:00:00Z", "2026-03-09T15:00:00Z"])
    }

    @Test func slotIntervalSpacesStartTimesIndependentlyOfDuration() {
        let finder = slotFinder([.monday: [hours("09:00", "11:00")]],
                            rules: SlotRules(durationMinutes: 60, slotIntervalMinutes: 30))

        let slots = finder.slots(from: instant("2026-03-09T00:00:00Z"), to: instant("2026-03-10T00:00:00Z"),
                                 now: longBefore, busy: [])

        #expect(starts(slots) == ["2026-03-09T09:00:00Z", "2026-03-09T09:30:00Z", "2026-03-09T10:00:00Z"])
    }

    @Test func aMeetingMustEndByTheEndOfTheRange() {
        let finder = slotFinder([.monday: [hours("09:00", "11:45")]],
                            rules: SlotRules(durationMinutes: 60, slotIntervalMinutes: 15))

        let slots = finder.slots(from: instant("2026-03-09T00:00:00Z"), to: instant("2026-03-10T00:00:00Z"),
                                 now: longBefore, busy: [])

        #expect(starts(slots).last == "2026-03-09T10:45:00Z")
        #expect(slots.last?.end == instant("2026-03-09T11:45:00Z"))
        #expect(slots.count == 8)
    }

    @Test func aRangeShorterThanTheDurationOffersNothing() {
        let finder = slotFinder([.monday: [hours("09:00", "09:45")]], rules: SlotRules(durationMinutes: 60))

        let slots = finder.slots(from: instant("2026-03-09T00:00:00Z"), to: instant("2026-03-10T00:00:00Z"),
                                 now: longBefore, busy: [])

        #expect(slots.isEmpty)
    }

    @Test func hoursUntilMidnightOfferTheLastHour() {
        let finder = slotFinder([.monday: [hours("22:00", "24:00")]], rules: SlotRules(durationMinutes: 60))

        let slots = finder.slots(from: instant("2026-03-09T00:00:00Z"), to: instant("2026-03-10T00:00:00Z"),
                                 now: longBefore, busy: [])

        #expect(starts(slots) == ["2026-03-09T22:00:00Z", "2026-03-09T23:00:00Z"])
    }

    @Test func onlyStartsInsideTheRequestedWindowAreReturned() {
        let finder = slotFinder(everyDay([hours("09:00", "12:00")]), rules: SlotRules(durationMinutes: 60))

        let slots = finder.slots(from: instant("2026-03-09T10:00:00Z"), to: instant("2026-03-10T10:00:00Z"),
                                 now: longBefore, busy: [])

        #expect(starts(slots) == ["2026-03-09T10:00:00Z", "2026-03-09T11:00:00Z", "2026-03-10T09:00:00Z"])
    }

    @Test func aClosedDateExceptionRemovesThatDayOnly() {
        let finder = slotFinder([.monday: [hours("09:00", "10:00")]],
                            exceptions: [DateException(date: day("2026-03-09"), ranges: [])],
                            rules: SlotRules(durationMinutes: 60))

        let slots = finder.slots(from: instant("2026-03-09T00:00:00Z"), to: instant("2026-03-17T00:00:00Z"),
                                 now: longBefore, busy: [])

        #expect(starts(slots) == ["2026-03-16T09:00:00Z"])
    }

    @Test func aDateExceptionReplacesThatDaysHours() {
        let finder = slotFinder([.monday: [hours("09:00", "11:00")]],
                            exceptions: [DateException(date: day("2026-03-09"), ranges: [hours("13:00", "15:00")])],
                            rules: SlotRules(durationMinutes: 60))

        let slots = finder.slots(from: instant("2026-03-09T00:00:00Z"), to: instant("2026-03-17T00:00:00Z"),
                                 now: longBefore, busy: [])

        #expect(starts(slots) == ["2026-03-09T13:00:00Z", "2026-03-09T14:00:00Z",
                                  "2026-03-16T09:00:00Z", "2026-03-16T10:00:00Z"])
    }

    @Test func aDateExceptionCanOpenAnOtherwiseClosedDay() {
        let finder = slotFinder([:], exceptions: [DateException(date: day("2026-03-15"), ranges: [hours("10:00", "11:00")])],
                            rules: SlotRules(durationMinutes: 60))

        let slots = finder.slots(from: instant("2026-03-09T00:00:00Z"), to: instant("2026-03-23T00:00:00Z"),
                                 now: longBefore, busy: [])

        #expect(starts(slots) == ["2026-03-15T10:00:00Z"])
    }

    @Test func minimumNoticeHidesStartsTooCloseToNow() {
        let finder = slotFinder([.monday: [hours("09:00", "12:00")]],
                            rules: SlotRules(durationMinutes: 30, minimumNoticeMinutes: 60))

        let slots = finder.slots(from: instant("2026-03-09T00:00:00Z"), to: instant("2026-03-10T00:00:00Z"),
                                 now: instant("2026-03-09T08:45:00Z"), busy: [])

        #expect(starts(slots).first == "2026-03-09T10:00:00Z")
    }

    @Test func aStartExactlyAtTheNoticeLimitIsOffered() {
        let finder = slotFinder([.monday: [hours("09:00", "12:00")]],
                            rules: SlotRules(durationMinutes: 30, minimumNoticeMinutes: 60))

        let slots = finder.slots(from: instant("2026-03-09T00:00:00Z"), to: instant("2026-03-10T00:00:00Z"),
                                 now: instant("2026-03-09T08:30:00Z"), busy: [])

        #expect(starts(slots).first == "2026-03-09T09:30:00Z")
    }

    @Test func pastStartsAreNeverOfferedEvenWithoutNotice() {
        let finder = slotFinder([.monday: [hours("09:00", "12:00")]], rules: SlotRules(durationMinutes: 60))

        let slots = finder.slots(from: instant("2026-03-09T00:00:00Z"), to: instant("2026-03-10T00:00:00Z"),
                                 now: instant("2026-03-09T10:15:00Z"), busy: [])

        #expect(starts(slots) == ["2026-03-09T11:00:00Z"])
    }

    @Test func maximumAdvanceDaysEndsTheBookingWindow() {
        let finder = slotFinder(everyDay([hours("09:00", "10:00")]),
                            rules: SlotRules(durationMinutes: 60, maximumAdvanceDays: 7))

        let slots = finder.slots(from: instant("2026-03-09T00:00:00Z"), to: instant("2026-04-09T00:00:00Z"),
                                 now: instant("2026-03-09T08:00:00Z"), busy: [])

        // 7 days after 08:00 on the 9th is 08:00 on the 16th: the 16th at 09:00 is too far.
        #expect(starts(slots).first == "2026-03-09T09:00:00Z")
        #expect(starts(slots).last == "2026-03-15T09:00:00Z")
        #expect(slots.count == 7)
    }

    @Test func anEmptyWindowGivesNoSlots() {
        let finder = slotFinder(everyDay([hours("09:00", "17:00")]), rules: SlotRules(durationMinutes: 60))

        let slots = finder.slots(from: instant("2026-03-10T00:00:00Z"), to: instant("2026-03-09T00:00:00Z"),
                                 now: longBefore, busy: [])

        #expect(slots.isEmpty)
    }

    @Test func everySlotOfferedPassesTheCheck() throws {
        let finder = slotFinder(everyDay([hours("08:00", "12:00"), hours("13:00", "18:30")]),
                            rules: SlotRules(durationMinutes: 45, bufferAfterMinutes: 10, slotIntervalMinutes: 15,
                                             minimumNoticeMinutes: 120, maximumAdvanceDays: 3))
        let now = instant("2026-03-09T09:07:00Z")
        let taken = [busy("2026-03-09T14:00:00Z", "2026-03-09T15:00:00Z"),
                     busy("2026-03-10T08:30:00Z", "2026-03-10T09:00:00Z", after: 15)]

        let slots = finder.slots(from: instant("2026-03-01T00:00:00Z"), to: instant("2026-04-01T00:00:00Z"),
                                 now: now, busy: taken)

        #expect(!slots.isEmpty)
        for slot in slots {
            #expect(throws: Never.self) { try finder.check(start: slot.start, now: now, busy: taken) }
        }
    }
}

/// `check` tells the customer why a chosen start time cannot be booked.
@Suite struct SlotCheckTests {
    let finder = slotFinder([.monday: [hours("09:00", "12:00")]],
                        rules: SlotRules(durationMinutes: 60, minimumNoticeMinutes: 120, maximumAdvanceDays: 14))
    let now = instant("2026-03-02T10:00:00Z")

    @Test func aStartWithinTheHoursButOffTheGridNamesTheNearestStarts() {
        let error = #expect(throws: SlotlineError.self) {
            try finder.check(start: instant("2026-03-09T09:15:00Z"), now: now, busy: [])
        }
        #expect(error?.code == .offSlotGrid)
        #expect(error?.field == "startsAt")
        #expect(error?.detail == "2026-03-09T09:00:00Z, 2026-03-09T10:00:00Z")
        #expect(error.map { ErrorMessages.message(for: $0, in: .en) }
                == "This time is not one of the offered start times. The nearest are 2026-03-09T09:00:00Z, 2026-03-09T10:00:00Z.")
    }

    @Test func aStartBeforeTheFirstOrAfterTheLastStartIsOutsideAvailabilityNotOffTheGrid() {
        for start in ["2026-03-09T08:30:00Z", "2026-03-09T11:30:00Z"] {
            let error = #expect(throws: SlotlineError.self) { try finder.check(start: instant(start), now: now, busy: []) }
            #expect(error?.code == .outsideAvailability, "\(start)")
        }
    }

    @Test func aStartOnADayWithoutHoursIsOutsideAvailability() {
        let error = #expect(throws: SlotlineError.self) {
            try finder.check(start: instant("2026-03-10T09:00:00Z"), now: now, busy: [])
        }
        #expect(error?.code == .outsideAvailability)
        #expect(error?.field == "startsAt")
    }

    @Test func aStartWhoseMeetingWouldRunPastTheHoursIsOutsideAvailability() {
        let error = #expect(throws: SlotlineError.self) {
            try finder.check(start: instant("2026-03-09T12:00:00Z"), now: now, busy: [])
        }
        #expect(error?.code == .outsideAvailability)
    }

    @Test func aStartInsideTheNoticePeriodIsTooSoon() {
        let error = #expect(throws: SlotlineError.self) {
            try finder.check(start: instant("2026-03-09T09:00:00Z"), now: instant("2026-03-09T07:30:00Z"), busy: [])
        }
        #expect(error?.code == .tooSoon)
        #expect(error?.field == "startsAt")
        #expect(error?.detail == "120 min")
    }

    @Test func aStartInThePastIsTooSoon() {
        let error = #expect(throws: SlotlineError.self) {
            try finder.check(start: instant("2026-03-09T09:00:00Z"), now: instant("2026-03-10T09:00:00Z"), busy: [])
        }
        #expect(error?.code == .tooSoon)
    }

    @Test func aStartBeyondTheAdvanceWindowIsTooFarAhead() {
        let error = #expect(throws: SlotlineError.self) {
            try finder.check(start: instant("2026-03-23T09:00:00Z"), now: now, busy: [])
        }
        #expect(error?.code == .tooFarAhead)
        #expect(error?.field == "startsAt")
        #expect(error?.detail == "14 d")
    }

    @Test func theLastDayOfTheWindowCanBeBooked() throws {
        let left = try finder.check(start: instant("2026-03-16T09:00:00Z"), now: now, busy: [])

        #expect(left == 0)
    }

    @Test func checkAndSlotsAgreeOnTheEdgeOfTheAdvanceWindow() {
        let edge = instant("2026-03-16T09:00:00Z")
        let nowAtEdge = edge.addingTimeInterval(-14 * 86_400)

        let offered = finder.slots(from: edge, to: edge.addingTimeInterval(3600), now: nowAtEdge, busy: [])
        let accepted = (try? finder.check(start: edge, now: nowAtEdge, busy: [])) != nil

        #expect(offered.isEmpty != accepted)
    }

    @Test func staffMayBookOutsideTheWindowButNotOutsideTheHours() throws {
        let soon = instant("2026-03-09T09:00:00Z")
        let farAhead = instant("2026-06-01T09:00:00Z")

        try finder.check(start: soon, now: instant("2026-03-09T08:59:00Z"), busy: [], enforceWindow: false)
        try finder.check(start: farAhead, now: now, busy: [], enforceWindow: false)
        let error = #expect(throws: SlotlineError.self) {
            try finder.check(start: instant("2026-03-09T09:30:00Z"), now: now, busy: [], enforceWindow: false)
        }
        #expect(error?.code == .offSlotGrid)
    }

    @Test func aTakenStartIsUnavailable() {
        let error = #expect(throws: SlotlineError.self) {
            try finder.check(start: instant("2026-03-09T10:00:00Z"), now: now,
                             busy: [busy("2026-03-09T10:30:00Z", "2026-03-09T11:00:00Z")])
        }
        #expect(error == SlotlineError(.slotUnavailable, field: "startsAt"))
    }

    @Test func aFreeStartPassesAndLeavesNoSeat() throws {
        let left = try finder.check(start: instant("2026-03-09T10:00:00Z"), now: now,
                                    busy: [busy("2026-03-09T11:00:00Z", "2026-03-09T12:00:00Z")])

        #expect(left == 0)
    }
}
