import Foundation
import ProviderSimulators
import SlotlineMeetings
import Testing

@Suite struct ZoomFaultTests {
    let userId = ZoomHarness.user.id

    @Test func anExpiredAccessTokenIsRefreshedOnceAndTheCallRetried() async throws {
        try await ZoomHarness.run { zoom in
            let store = try await zoom.connect()
            let before = await store.tokens
            await zoom.simulator.expireAccessTokens(userId: userId)

            let meeting = try await zoom.provider().create(sampleRequest(), credentials: store.credentials)

            #expect(await store.freshRequests == 1)
            #expect(await zoom.simulator.refreshCount() == 1)
            #expect(await store.tokens.refreshToken != before.refreshToken)
            #expect(await zoom.simulator.meetingCount(userId: userId) == 1)
            let number = try #require(Int64(meeting.externalId))
            #expect(await zoom.simulator.meeting(id: number) != nil)
            let statuses = await zoom.simulator.requests().filter { $0.path.hasSuffix("/meetings") }.map(\.status)
            #expect(statuses == [401, 201])
        }
    }

    @Test func aTokenRefusedAfterTheFreshOneIsRejectedWithoutAThirdTry() async throws {
        try await ZoomHarness.run { zoom in
            let asked = Counter()

            await #expect(throws: MeetingProviderError.accessTokenRejected) {
                try await zoom.provider().create(sampleRequest(), credentials: staleCredentials("never-valid-token", asked: asked))
            }

            #expect(asked.count == 1)
            #expect(await zoom.simulator.requests().count == 2)
        }
    }

    @Test func aGrantRevokedMidCallSurfacesAsGrantRevoked() async throws {
        try await ZoomHarness.run { zoom in
            let store = try await zoom.connect()
            await zoom.simulator.inject(.revokedGrant, on: [.createMeeting])

            await #expect(throws: MeetingProviderError.grantRevoked) {
                try await zoom.provider().create(sampleRequest(), credentials: store.credentials)
            }
            #expect(await zoom.simulator.meetingCount(userId: userId) == 0)
        }
    }

    @Test func tooManyRequestsWithRetryAfterIsRateLimitedForThatLong() async throws {
        try await ZoomHarness.run { zoom in
            let store = try await zoom.connect()
            await zoom.simulator.inject(.rateLimited(retryAfterSeconds: 7), on: [.createMeeting])

            await #expect(throws: MeetingProviderError.rateLimited(retryAfter: .seconds(7))) {
                try await zoom.provider().create(sampleRequest(), credentials: store.credentials)
            }
            #expect(await zoom.simulator.meetingCount(userId: userId) == 0)
        }
    }

    @Test func tooManyRequestsWithoutRetryAfterIsRateLimitedWithNoDelay() async throws {
        try await ZoomHarness.run { zoom in
            let store = try await zoom.connect()
            await zoom.simulator.inject(.rateLimited(retryAfterSeconds: nil), on: [.updateMeeting])
            let provider = zoom.provider()
            let meeting = try await provider.create(sampleRequest(), credentials: store.credentials)

            await #expect(throws: MeetingProviderError.rateLimited(retryAfter: nil)) {
                try await provider.update(externalId: meeting.externalId, sampleRequest(), credentials: store.credentials)
            }
        }
    }

    @Test func aServerErrorIsTransient() async throws {
        try await ZoomHarness.run { zoom in
            let store = try await zoom.connect()
            await zoom.simulator.inject(.serverError, on: [.deleteMeeting])
            let provider = zoom.provider()
            let meeting = try await provider.create(sampleRequest(), credentials: store.credentials)

            let error = await #expect(throws: MeetingProviderError.self) {
                try await provider.delete(externalId: meeting.externalId, credentials: store.credentials)
            }

            #expect(error == .transient("Zoom answered 500"))
            #expect(error?.isRetryable == true)
            try await provider.delete(externalId: meeting.externalId, credentials: store.credentials)
            #expect(await zoom.simulator.meetingCount(userId: userId) == 0)
        }
    }

    @Test func aSlowAnswerPastTheTimeoutIsTransientAndTheLateMeetingIsFoundByItsMarker() async throws {
        try await ZoomHarness.run { zoom in
            let store = try await zoom.connect()
            await zoom.simulator.inject(.slowAnswer(delay: .seconds(1)), on: [.createMeeting])
            let provider = zoom.provider(timeout: .milliseconds(250))
            let request = sampleRequest(meetingId: "mtg_slow")

            let error = await #expect(throws: MeetingProviderError.self) {
                try await provider.create(request, credentials: store.credentials)
            }
            guard case .transient(let reason) = error else {
                Issue.record("expected a transient error, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("no answer within"))

            // Zoom finishes the create after the client gave up; the retry looks before it creates.
            try await Task.sleep(for: .seconds(1.5))
            let found = try await provider.find(marker: request.marker, credentials: store.credentials)
            #expect(found?.externalId == (await zoom.simulator.meetings(userId: userId).first?.id).map(String.init))
            #expect(await zoom.simulator.meetingCount(userId: userId) == 1)
        }
    }

    @Test func aCreateWhoseAnswerWasLostIsFoundAgainInsteadOfCreatedTwice() async throws {
        try await ZoomHarness.run { zoom in
            let store = try await zoom.connect()
            let provider = zoom.provider()
            let other = try await provider.create(sampleRequest(meetingId: "mtg_other"), credentials: store.credentials)
            await zoom.simulator.inject(.answerLost(), on: [.createMeeting])
            let request = sampleRequest(meetingId: "mtg_lost")

            await #expect(throws: MeetingProviderError.self) {
                try await provider.create(request, credentials: store.credentials)
            }
            // What a retrying job does: look first, create only if nothing carries the marker.
            let found = try await provider.find(marker: request.marker, credentials: store.credentials)
            let meeting: ProviderMeeting
            if let found { meeting = found } else { meeting = try await provider.create(request, credentials: store.credentials) }

            #expect(found != nil)
            #expect(meeting.externalId != other.externalId)
            #expect(await zoom.simulator.meetingCount(userId: userId) == 2)
            let number = try #require(Int64(meeting.externalId))
            let stored = try #require(await zoom.simulator.meeting(id: number))
            #expect(request.marker.isCarried(by: stored.agenda))
            #expect(meeting.joinURL == stored.joinURL && meeting.passcode == stored.password)
        }
    }

    @Test func anUnreachableZoomIsTransient() async throws {
        let provider = ZoomProvider(apiURL: "http://127.0.0.1:1/v2", timeout: .milliseconds(500))
        let credentials = staleCredentials("tok-unreachable")

        let error = await #expect(throws: MeetingProviderError.self) {
            try await provider.account(credentials: credentials)
        }

        #expect(error?.isRetryable == true)
        #expect(error.map { "\($0)" }?.contains("tok-unreachable") == false)
    }
}
