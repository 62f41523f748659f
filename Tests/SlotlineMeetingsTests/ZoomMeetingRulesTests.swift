import Foundation
@testable import SlotlineMeetings
import Testing

@Suite struct ZoomMeetingRulesTests {
    @Test func startTimeIsUTCWithoutFraction() {
        #expect(ZoomMeetingRules.startTime(Date(timeIntervalSince1970: 1_900_000_000.75)) == "2030-03-17T17:46:40Z")
    }

    @Test func createSendsAScheduledMeetingWithAGeneratedPasscodeAndTheMarker() throws {
        let body = try ZoomMeetingRules.body(for: sampleRequest(meetingId: "mtg_9"), creating: true)

        #expect(body.type == 2)
        #expect(body.duration == 45 && body.timezone == "Europe/Paris")
        #expect(body.password?.count == 6)
        #expect(body.agenda == "Booked through Slotline\n\nslotline:mtg_9")
    }

    @Test func updateLeavesAGeneratedPasscodeAlone() throws {
        let body = try ZoomMeetingRules.body(for: sampleRequest(), creating: false)

        #expect(body.type == nil && body.password == nil)
    }

    @Test func passcodesFollowZoomsRules() {
        #expect(ZoomMeetingRules.isValidPasscode("aZ09@-_*"))
        #expect(ZoomMeetingRules.isValidPasscode("1234567890"))
        #expect(!ZoomMeetingRules.isValidPasscode("12345678901"))
        #expect(!ZoomMeetingRules.isValidPasscode("pass word"))
        #expect(!ZoomMeetingRules.isValidPasscode("pass#"))
        #expect(!ZoomMeetingRules.isValidPasscode(""))
    }

    @Test func requestsZoomWouldRefuseFailBeforeAnyCall() {
        var badZone = sampleRequest()
        badZone.timeZone = "Mars/Olympus"
        var badLength = sampleRequest()
        badLength.durationMinutes = 0

        #expect(throws: MeetingProviderError.self) { try ZoomMeetingRules.body(for: sampleRequest(passcode: .fixed("far too long!")), creating: true) }
        #expect(throws: MeetingProviderError.self) { try ZoomMeetingRules.body(for: badZone, creating: true) }
        #expect(throws: MeetingProviderError.self) { try ZoomMeetingRules.body(for: badLength, creating: true) }
    }
}
