import Foundation
import SlotlineCore
import Testing

/// A line carries at most its capacity at every moment of a meeting; when none has room, the
/// nearest starts offered are ones where a line really has room.
@Suite struct LinePlanTests {
    let t0 = instant("2030-01-07T09:00:00Z")

    func line(_ id: String, capacity: Int = 1) -> LinePlan.Room {
        LinePlan.Room(lineId: id, provider: .sandbox, capacity: capacity)
    }

    func at(_ minutes: Int) -> Date { t0.addingTimeInterval(Double(minutes) * 60) }

    func hold(_ lineId: String, _ from: Int, _ to: Int) -> LinePlan.Hold { LinePlan.Hold(lineId: lineId, startsAt: at(from), endsAt: at(to)) }

    @Test func aLineIsTakenUntilItsMeetingEndsAndFreeFromThatMinute() {
        let plan = LinePlan(rooms: [line("a")], holds: [hold("a", 0, 60)])
        #expect(plan.line(from: at(30), to: at(90)) == nil)
        #expect(plan.line(from: at(-30), to: at(1)) == nil)
        #expect(plan.line(from: at(60), to: at(120))?.lineId == "a")
        #expect(plan.line(from: at(-60), to: at(0))?.lineId == "a")
    }

    @Test func theFirstLineWithRoomIsChosenInOrder() {
        let plan = LinePlan(rooms: [line("a"), line("b"), line("c")], holds: [hold("a", 0, 60), hold("c", 0, 60)])
        #expect(plan.line(from: at(10), to: at(20))?.lineId == "b")
    }

    @Test func capacityCountsMeetingsAtTheSameMomentNotAllThatTouchTheInterval() {
        // Two meetings one after the other use one place of two: a third over both still fits.
        let plan = LinePlan(rooms: [line("a", capacity: 2)], holds: [hold("a", 0, 60), hold("a", 60, 120)])
        #expect(plan.line(from: at(0), to: at(120))?.lineId == "a")
        var full = plan
        full.add(hold("a", 30, 90))
        #expect(full.line(from: at(45), to: at(50)) == nil)
        #expect(full.line(from: at(90), to: at(100))?.lineId == "a")
    }

    @Test func nearestStartsAreWhenALineFreesAndTheLatestThatEndInTime() {
        let plan = LinePlan(rooms: [line("a")], holds: [hold("a", 0, 60), hold("a", 120, 180)])
        // Wanted 30–90: the line is free from 60 to 120, so 60 (frees up) and nothing before now.
        let starts = plan.nearestStarts(to: at(30), duration: 3600, notBefore: at(-1000), within: 86_400)
        #expect(starts == [at(-60), at(60), at(180)])
        for start in starts { #expect(plan.line(from: start, to: start.addingTimeInterval(3600)) != nil) }
        // None in the past.
        #expect(plan.nearestStarts(to: at(30), duration: 3600, notBefore: at(10), within: 86_400) == [at(60), at(180)])
    }

    @Test func noLineNoSuggestion() {
        #expect(LinePlan(rooms: [], holds: []).nearestStarts(to: t0, duration: 60, notBefore: t0, within: 86_400).isEmpty)
    }

    @Test func stateFollowsTheClockUnlessFinal() {
        var meeting = VideoMeeting(id: "m", workspaceId: "w", lineId: "a", title: "Standup", hostStaffId: "s", createdByStaffId: "s",
                                   source: .quick, startsAt: at(0), endsAt: at(30), createdAt: t0, updatedAt: t0)
        #expect(meeting.state(at: at(-1)) == .notStarted)
        #expect(meeting.state(at: at(0)) == .inProgress)
        #expect(meeting.state(at: at(30)) == .ended)
        meeting.recorded = .endedManually
        meeting.endedAt = at(10)
        #expect(meeting.state(at: at(5)) == .endedManually)
        #expect(meeting.hold == hold("a", 0, 10))
        meeting.recorded = .cancelled
        #expect(meeting.hold == nil)
    }

    @Test func aDurationOverTheLimitIsRefusedAsTheOAModuleWordsIt() throws {
        let draft = VideoMeetingDraft(title: "Long", startsAt: t0, durationMinutes: 24 * 60 + 1, hostStaffId: "s")
        #expect(throws: SlotlineError.invalid("duration")) { try draft.checked(longestMinutes: 24 * 60) }
        #expect(ErrorMessages.message(for: .invalid("duration"), in: .zhHans) == "无效的输入参数： duration")
        #expect(try VideoMeetingDraft(title: " Ok ", startsAt: t0, durationMinutes: 1440, hostStaffId: "s",
                                      participants: [Participant(email: "A@x.org"), Participant(email: "a@x.org ")])
            .checked(longestMinutes: 1440).participants == [Participant(email: "a@x.org")])
    }
}
