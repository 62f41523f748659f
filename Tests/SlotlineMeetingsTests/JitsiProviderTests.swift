import Foundation
import SlotlineMeetings
import Testing

@Suite struct JitsiProviderTests {
    @Test func eachMeetingGetsItsOwnRoomUnderTheBaseURL() async throws {
        let jitsi = JitsiProvider(baseURL: "https://jitsi.example.org/", roomPrefix: "Studio Mozart!", random: SeededRandom(seed: 3).source)

        let one = try await jitsi.create(sampleRequest(meetingId: "a"), credentials: .none)
        let two = try await jitsi.create(sampleRequest(meetingId: "b"), credentials: .none)

        #expect(one.joinURL.hasPrefix("https://jitsi.example.org/studio-mozart-"))
        #expect(one.joinURL.count == "https://jitsi.example.org/studio-mozart-".count + 20)
        #expect(one.joinURL != two.joinURL)
        #expect(one.externalId == one.joinURL)
        #expect(one.meetingNumber == nil && one.passcode == nil && one.hostURL == nil)
    }

    @Test func theDefaultServerIsMeetJitSi() async throws {
        let meeting = try await JitsiProvider(roomPrefix: "acme").create(sampleRequest(), credentials: .none)

        #expect(meeting.joinURL.hasPrefix("https://meet.jit.si/acme-"))
    }

    @Test func updateKeepsTheRoomAndMovesTheTime() async throws {
        let jitsi = JitsiProvider(baseURL: "https://jitsi.example.org", roomPrefix: "acme")
        let created = try await jitsi.create(sampleRequest(), credentials: .none)
        let later = sampleRequest(start: created.start.addingTimeInterval(3600))

        let moved = try await jitsi.update(externalId: created.externalId, later, credentials: .none)

        #expect(moved.joinURL == created.joinURL)
        #expect(moved.start == later.start)
    }

    @Test func deleteAndEndForgetWithoutCalls() async throws {
        let jitsi = JitsiProvider(baseURL: "https://jitsi.example.org", roomPrefix: "acme")
        let created = try await jitsi.create(sampleRequest(), credentials: .none)

        try await jitsi.end(externalId: created.externalId, credentials: .none)
        try await jitsi.delete(externalId: created.externalId, credentials: .none)
        let found = try await jitsi.find(marker: sampleRequest().marker, credentials: .none)

        #expect(found == nil)
    }
}
