import AsyncHTTPClient
import Foundation
import ProviderSimulators
import Testing

@Suite struct ZoomFaultTests {
    @Test func rateLimitedWithRetryAfter() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            await zoom.zoom.inject(.rateLimited(retryAfterSeconds: 7), on: [.createMeeting])

            let limited = try await zoom.createMeeting(token: tokens.access_token)
            let retried = try await zoom.createMeeting(token: tokens.access_token)

            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "7")
            #expect(try limited.decode(ZoomFixture.ErrorBody.self).code == 429)
            #expect(retried.status == 201)
            #expect(await zoom.zoom.meetingCount(userId: ZoomFixture.user1.id) == 1)
        }
    }

    @Test func rateLimitedWithoutRetryAfter() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            await zoom.zoom.inject(.rateLimited(retryAfterSeconds: nil), on: [.getUser])

            let limited = try await zoom.api(.GET, "/users/me", token: tokens.access_token)

            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == nil)
            #expect(try limited.decode(ZoomFixture.ErrorBody.self).code == 429)
        }
    }

    @Test func rateLimitedWithRetryAfterAsHTTPDate() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            await zoom.zoom.inject(.rateLimitedUntil(Date(timeIntervalSince1970: 1_893_578_400)), on: [.deleteMeeting])

            let limited = try await zoom.api(.DELETE, "/meetings/1", token: tokens.access_token)

            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "Wed, 02 Jan 2030 10:00:00 GMT")
        }
    }

    @Test func serverErrorOnTheTokenEndpointLeavesTheRefreshTokenValid() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            await zoom.zoom.inject(.serverError, on: [.token])

            let failed = try await zoom.refresh(tokens.refresh_token)
            let retried = try await zoom.refresh(tokens.refresh_token)

            #expect(failed.status == 500)
            #expect(retried.status == 200)
        }
    }

    @Test func faultsHitOnlyTheirOperationsForTheirCount() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            await zoom.zoom.inject(.serverError, on: ZoomSimulatorOperation.meetingWrites, times: 2)

            let read = try await zoom.api(.GET, "/users/me", token: tokens.access_token)
            let first = try await zoom.createMeeting(token: tokens.access_token)
            let second = try await zoom.createMeeting(token: tokens.access_token)
            let third = try await zoom.createMeeting(token: tokens.access_token)

            #expect(read.status == 200)
            #expect([first.status, second.status, third.status] == [500, 500, 201] as [Int])
        }
    }

    @Test func slowAnswerOutlastsTheClientTimeoutAndTheMeetingStillAppearsLater() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            await zoom.zoom.inject(.slowAnswer(delay: .milliseconds(1500)), on: [.createMeeting])
            let started = ContinuousClock.now

            await #expect(throws: HTTPClientError.self) {
                _ = try await zoom.api(.POST, "/users/me/meetings", token: tokens.access_token, json: #"{"topic":"Slow"}"#, timeout: .milliseconds(300))
            }

            #expect(ContinuousClock.now - started < .milliseconds(1200))
            #expect(await zoom.zoom.meetingCount(userId: ZoomFixture.user1.id) == 0)
            try await Task.sleep(for: .milliseconds(1700))
            #expect(await zoom.zoom.meetingCount(userId: ZoomFixture.user1.id) == 1)
        }
    }

    @Test func lostAnswerCreatesTheMeetingButTheClientSeesAnError() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            await zoom.zoom.inject(.answerLost(), on: [.createMeeting])

            await #expect(throws: (any Error).self) {
                _ = try await zoom.createMeeting(token: tokens.access_token, topic: "Lost")
            }
            let list: ZoomFixture.MeetingPage = try await zoom.api(.GET, "/users/me/meetings?type=upcoming", token: tokens.access_token).decode()

            #expect(await zoom.zoom.meetingCount(userId: ZoomFixture.user1.id) == 1)
            #expect(list.meetings.map(\.topic) == ["Lost"])
            #expect(await zoom.zoom.requests().contains { $0.path == "/v2/users/me/meetings" && $0.method == "POST" && $0.status == nil })
        }
    }

    @Test func lostAnswerOfARefreshRotatesTheTokenAnyway() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            await zoom.zoom.inject(.answerLost(), on: [.token])

            await #expect(throws: (any Error).self) { _ = try await zoom.refresh(tokens.refresh_token) }
            let retry = try await zoom.refresh(tokens.refresh_token)

            #expect(retry.status == 400)
            #expect(try retry.decode(ZoomFixture.ErrorBody.self).error == "invalid_grant")
            #expect(await zoom.zoom.refreshCount() == 1)
        }
    }

    @Test func lostAnswerAfterADelayLooksLikeATimeout() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            await zoom.zoom.inject(.answerLost(after: .seconds(2)), on: [.deleteMeeting])
            let created: ZoomFixture.Meeting = try await zoom.createMeeting(token: tokens.access_token).decode()

            await #expect(throws: HTTPClientError.self) {
                _ = try await zoom.api(.DELETE, "/meetings/\(created.id)", token: tokens.access_token, timeout: .milliseconds(300))
            }
            let again = try await zoom.api(.DELETE, "/meetings/\(created.id)", token: tokens.access_token)

            #expect(again.status == 404)
            #expect(try again.decode(ZoomFixture.ErrorBody.self).code == 3001)
        }
    }

    @Test func expiredAccessTokenFaultExpiresTheTokenUntilRefreshed() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            await zoom.zoom.inject(.expiredAccessToken, on: [.createMeeting])

            let first = try await zoom.createMeeting(token: tokens.access_token)
            let again = try await zoom.api(.GET, "/users/me", token: tokens.access_token)
            let renewed: ZoomFixture.Tokens = try await zoom.refresh(tokens.refresh_token).decode()
            let retried = try await zoom.createMeeting(token: renewed.access_token)

            #expect(first.status == 401)
            #expect(try first.decode(ZoomFixture.ErrorBody.self).code == 124)
            #expect(again.status == 401)
            #expect(retried.status == 201)
            #expect(await zoom.zoom.meetingCount(userId: ZoomFixture.user1.id) == 1)
        }
    }

    @Test func expireAccessTokensByUser() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()

            await zoom.zoom.expireAccessTokens(userId: ZoomFixture.user1.id)
            let answer = try await zoom.api(.GET, "/users/me", token: tokens.access_token)

            #expect(answer.status == 401)
            #expect(try answer.decode(ZoomFixture.ErrorBody.self).code == 124)
            #expect(try await zoom.refresh(tokens.refresh_token).status == 200)
        }
    }

    @Test func revokedGrantFaultFailsTheCallAndEveryRefresh() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            await zoom.zoom.inject(.revokedGrant, on: [.updateMeeting, .createMeeting])

            let call = try await zoom.createMeeting(token: tokens.access_token)
            let refresh = try await zoom.refresh(tokens.refresh_token)

            #expect(call.status == 401)
            #expect(try call.decode(ZoomFixture.ErrorBody.self).code == 124)
            #expect(refresh.status == 400)
            #expect(try refresh.decode(ZoomFixture.ErrorBody.self).error == "invalid_grant")
            #expect(await zoom.zoom.meetingCount(userId: ZoomFixture.user1.id) == 0)
        }
    }

    @Test func stopCutsPendingSlowAnswersShort() async throws {
        let zoom = ZoomSimulator(clock: { fixedNow })
        let urls = try await zoom.start()
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        await zoom.inject(.slowAnswer(delay: .seconds(30)))
        async let pending = try? client.execute(HTTPClientRequest(url: urls.apiBaseURL + "/users/me"), timeout: .seconds(40))
        try await Task.sleep(for: .milliseconds(200))
        let started = ContinuousClock.now

        await zoom.stop()

        #expect(ContinuousClock.now - started < .seconds(5))
        _ = await pending
        try await client.shutdown()
    }
}
