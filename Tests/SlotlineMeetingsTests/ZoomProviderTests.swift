import Foundation
import ProviderSimulators
import SlotlineMeetings
import Testing

@Suite struct ZoomProviderTests {
    let userId = ZoomHarness.user.id

    @Test func createMakesOneScheduledMeetingCarryingTheMarker() async throws {
        try await ZoomHarness.run { zoom in
            let store = try await zoom.connect()
            let request = sampleRequest(meetingId: "mtg_7")

            let meeting = try await zoom.provider().create(request, credentials: store.credentials)

            let stored = try #require(await zoom.simulator.meetings(userId: userId).first)
            #expect(await zoom.simulator.meetingCount(userId: userId) == 1)
            #expect(meeting.externalId == String(stored.id) && meeting.meetingNumber == String(stored.id))
            #expect(meeting.joinURL == stored.joinURL && meeting.hostURL == stored.startURL)
            #expect(meeting.passcode == stored.password && meeting.passcode?.count == 6)
            #expect(meeting.start == request.start && meeting.durationMinutes == 45)
            #expect(stored.type == 2 && stored.topic == "Piano lesson with Ada" && stored.timezone == "Europe/Paris")
            #expect(stored.startTime == request.start)
            #expect(stored.agenda == "Booked through Slotline\n\nslotline:mtg_7")
        }
    }

    @Test func aFixedPasscodeIsSent() async throws {
        try await ZoomHarness.run { zoom in
            let store = try await zoom.connect()

            let meeting = try await zoom.provider().create(sampleRequest(passcode: .fixed("Pa-55_*@")), credentials: store.credentials)

            #expect(meeting.passcode == "Pa-55_*@")
        }
    }

    @Test func updateMovesTheSameMeetingAndKeepsItsPasscode() async throws {
        try await ZoomHarness.run { zoom in
            let store = try await zoom.connect()
            let provider = zoom.provider()
            let created = try await provider.create(sampleRequest(), credentials: store.credentials)
            var later = sampleRequest(start: created.start.addingTimeInterval(2 * 86_400))
            later.durationMinutes = 60

            let updated = try await provider.update(externalId: created.externalId, later, credentials: store.credentials)

            #expect(updated.externalId == created.externalId && updated.passcode == created.passcode)
            #expect(updated.start == later.start && updated.durationMinutes == 60)
            #expect(await zoom.simulator.meetingCount(userId: userId) == 1)
            let stored = try #require(await zoom.simulator.meetings(userId: userId).first)
            #expect(stored.startTime == later.start && later.marker.isCarried(by: stored.agenda))
        }
    }

    @Test func updatingAMeetingDeletedOnZoomIsNotFound() async throws {
        try await ZoomHarness.run { zoom in
            let store = try await zoom.connect()

            await #expect(throws: MeetingProviderError.notFound) {
                try await zoom.provider().update(externalId: "98765432109", sampleRequest(), credentials: store.credentials)
            }
        }
    }

    @Test func deleteRemovesTheMeetingAndAMissingMeetingCountsAsDeleted() async throws {
        try await ZoomHarness.run { zoom in
            let store = try await zoom.connect()
            let provider = zoom.provider()
            let meeting = try await provider.create(sampleRequest(), credentials: store.credentials)

            try await provider.delete(externalId: meeting.externalId, credentials: store.credentials)
            try await provider.delete(externalId: meeting.externalId, credentials: store.credentials)
            try await provider.delete(externalId: "98765432109", credentials: store.credentials)

            #expect(await zoom.simulator.meetingCount(userId: userId) == 0)
            let deletes = await zoom.simulator.requests().filter { $0.method == "DELETE" }.map(\.status)
            #expect(deletes == [204, 404, 404])
        }
    }

    @Test func endStopsARunningMeetingAndItCanThenBeDeleted() async throws {
        try await ZoomHarness.run { zoom in
            let store = try await zoom.connect()
            let provider = zoom.provider()
            let meeting = try await provider.create(sampleRequest(), credentials: store.credentials)
            let number = try #require(Int64(meeting.externalId))
            await zoom.simulator.startMeeting(id: number)

            await #expect(throws: MeetingProviderError.transient("the meeting is in progress")) {
                try await provider.delete(externalId: meeting.externalId, credentials: store.credentials)
            }
            try await provider.end(externalId: meeting.externalId, credentials: store.credentials)

            #expect(await zoom.simulator.meeting(id: number)?.status == "waiting")
            try await provider.delete(externalId: meeting.externalId, credentials: store.credentials)
            #expect(await zoom.simulator.meetingCount(userId: userId) == 0)
        }
    }

    @Test func aFreshHostLinkIsReadFromZoom() async throws {
        try await ZoomHarness.run { zoom in
            let store = try await zoom.connect()
            let provider = zoom.provider()
            let meeting = try await provider.create(sampleRequest(), credentials: store.credentials)

            let hostURL = try await provider.hostURL(externalId: meeting.externalId, credentials: store.credentials)

            #expect(hostURL == meeting.hostURL)
        }
    }

    @Test func findReturnsExactlyTheMeetingWithTheMarker() async throws {
        try await ZoomHarness.run { zoom in
            let store = try await zoom.connect()
            let provider = zoom.provider()
            let one = try await provider.create(sampleRequest(meetingId: "mtg_1"), credentials: store.credentials)
            _ = try await provider.create(sampleRequest(meetingId: "mtg_10"), credentials: store.credentials)
            _ = try await provider.create(sampleRequest(meetingId: "mtg_2"), credentials: store.credentials)

            let found = try await provider.find(marker: MeetingMarker(meetingId: "mtg_1"), credentials: store.credentials)
            let missing = try await provider.find(marker: MeetingMarker(meetingId: "mtg_3"), credentials: store.credentials)

            #expect(found == one)
            #expect(missing == nil)
        }
    }

    @Test func withoutCredentialsNothingIsCalled() async throws {
        try await ZoomHarness.run { zoom in
            await #expect(throws: MeetingProviderError.accessTokenRejected) {
                try await zoom.provider().create(sampleRequest(), credentials: .none)
            }
            #expect(await zoom.simulator.requests().isEmpty)
        }
    }
}
