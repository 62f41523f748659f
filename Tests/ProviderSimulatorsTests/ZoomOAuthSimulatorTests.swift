import Foundation
import ProviderSimulators
import Testing

@Suite struct ZoomOAuthSimulatorTests {
    @Test func codeFlowWithPKCEGivesTokensForTheConsentingUser() async throws {
        try await ZoomFixture.run { zoom in
            await zoom.zoom.setNextAuthorizingUser(ZoomFixture.user2.id)

            let redirect = try await zoom.authorize(state: "xyz")
            let code = try #require(zoom.code(from: redirect))
            let tokens: ZoomFixture.Tokens = try await zoom.exchange(code: code).decode()
            let me = try await zoom.api(.GET, "/users/me", token: tokens.access_token)

            #expect(redirect.status == 302)
            #expect(redirect.header("location")?.hasPrefix(redirectURI + "?") == true)
            #expect(zoom.queryItem("state", of: redirect) == "xyz")
            #expect(tokens.token_type == "bearer")
            #expect(tokens.expires_in == 3599)
            #expect(tokens.scope == "meeting:write:meeting meeting:update:meeting meeting:delete:meeting user:read:user")
            #expect(tokens.api_url + "/v2" == zoom.urls.apiBaseURL)
            #expect(tokens.refresh_token != tokens.access_token)
            #expect(me.status == 200)
            let user = try JSONSerialization.jsonObject(with: Data(me.body.utf8)) as? [String: Any]
            #expect(user?["id"] as? String == ZoomFixture.user2.id)
            #expect(user?["email"] as? String == ZoomFixture.user2.email)
            #expect(user?["display_name"] as? String == ZoomFixture.user2.displayName)
            #expect(user?["account_id"] as? String == ZoomFixture.user2.accountId)
            #expect(user?["pmi"] as? Int == Int(ZoomFixture.user2.pmi))
            #expect(user?["type"] as? Int == 2)
            #expect(user?["timezone"] as? String == "Europe/Berlin")
        }
    }

    @Test func wrongOrMissingVerifierIsRefused() async throws {
        try await ZoomFixture.run { zoom in
            let wrong = try await zoom.exchange(code: try #require(zoom.code(from: try await zoom.authorize())), verifier: "not-the-verifier-at-all-0123456789-abcdefghijk")
            let missing = try await zoom.exchange(code: try #require(zoom.code(from: try await zoom.authorize())), verifier: nil)

            #expect(wrong.status == 400)
            #expect(try wrong.decode(ZoomFixture.ErrorBody.self).error == "invalid_grant")
            #expect(missing.status == 400)
            #expect(try missing.decode(ZoomFixture.ErrorBody.self).error == "invalid_grant")
        }
    }

    @Test func codeWithoutChallengeNeedsNoVerifier() async throws {
        try await ZoomFixture.run { zoom in
            let code = try #require(zoom.code(from: try await zoom.authorize(challenge: nil)))

            let answer = try await zoom.exchange(code: code, verifier: nil)

            #expect(answer.status == 200)
        }
    }

    @Test func codeExpiresAfterFiveMinutes() async throws {
        try await ZoomFixture.run { zoom in
            let fresh = try #require(zoom.code(from: try await zoom.authorize()))
            let stale = try #require(zoom.code(from: try await zoom.authorize()))
            #expect(try await zoom.exchange(code: fresh).status == 200)

            await zoom.zoom.advanceClock(by: 301)
            let answer = try await zoom.exchange(code: stale)

            #expect(answer.status == 400)
            #expect(try answer.decode(ZoomFixture.ErrorBody.self).error == "invalid_grant")
        }
    }

    @Test func codeWorksOnlyOnce() async throws {
        try await ZoomFixture.run { zoom in
            let code = try #require(zoom.code(from: try await zoom.authorize()))

            let first = try await zoom.exchange(code: code)
            let second = try await zoom.exchange(code: code)

            #expect(first.status == 200)
            #expect(second.status == 400)
            #expect(try second.decode(ZoomFixture.ErrorBody.self).error == "invalid_grant")
        }
    }

    @Test func codeNeedsTheSameRedirectURI() async throws {
        try await ZoomFixture.run { zoom in
            await zoom.zoom.addRedirectURI("http://127.0.0.1:9/other")
            let code = try #require(zoom.code(from: try await zoom.authorize()))

            let answer = try await zoom.exchange(code: code, redirect: "http://127.0.0.1:9/other")

            #expect(answer.status == 400)
            #expect(try answer.decode(ZoomFixture.ErrorBody.self).error == "invalid_grant")
        }
    }

    @Test func authorizeRefusesUnknownClientAndUnregisteredRedirect() async throws {
        try await ZoomFixture.run { zoom in
            let unknownClient = try await zoom.authorize(clientId: "someone-else")
            let badRedirect = try await zoom.authorize(redirect: "http://evil.example/callback")

            #expect(unknownClient.status == 400)
            #expect(unknownClient.header("location") == nil)
            #expect(badRedirect.status == 400)
            #expect(badRedirect.header("location") == nil)
        }
    }

    @Test func declinedConsentRedirectsWithAccessDenied() async throws {
        try await ZoomFixture.run { zoom in
            await zoom.zoom.denyNextAuthorization()

            let denied = try await zoom.authorize(state: "s1")
            let next = try await zoom.authorize(state: "s2")

            #expect(denied.status == 302)
            #expect(zoom.queryItem("error", of: denied) == "access_denied")
            #expect(zoom.queryItem("state", of: denied) == "s1")
            #expect(zoom.code(from: denied) == nil)
            #expect(zoom.code(from: next) != nil)
        }
    }

    @Test func tokenEndpointNeedsTheClientSecret() async throws {
        try await ZoomFixture.run { zoom in
            let code = try #require(zoom.code(from: try await zoom.authorize()))

            let answer = try await zoom.token(form: "grant_type=authorization_code&code=\(code)&redirect_uri=\(zoom.escape(redirectURI))&code_verifier=\(pkceVerifier)", secret: "wrong")

            #expect(answer.status == 401)
            #expect(try answer.decode(ZoomFixture.ErrorBody.self).error == "invalid_client")
        }
    }

    @Test func refreshRotatesAndTheOldRefreshTokenFailsAtOnce() async throws {
        try await ZoomFixture.run { zoom in
            let first = try await zoom.connect()

            let rotated: ZoomFixture.Tokens = try await zoom.refresh(first.refresh_token).decode()
            let reuse = try await zoom.refresh(first.refresh_token)
            let next = try await zoom.refresh(rotated.refresh_token)

            #expect(rotated.refresh_token != first.refresh_token)
            #expect(rotated.access_token != first.access_token)
            #expect(rotated.expires_in == 3599)
            #expect(reuse.status == 400)
            #expect(reuse.body.contains(#""error":"invalid_grant""#))
            #expect(try reuse.decode(ZoomFixture.ErrorBody.self).reason == "Invalid Token!")
            #expect(next.status == 200)
            #expect(try await zoom.api(.GET, "/users/me", token: rotated.access_token).status == 200)
            #expect(await zoom.zoom.refreshCount() == 2)
        }
    }

    @Test func twoRacingRefreshesWithOneTokenLetOnlyOneWin() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()

            async let a = zoom.refresh(tokens.refresh_token)
            async let b = zoom.refresh(tokens.refresh_token)
            let statuses = try await [a.status, b.status].sorted()

            #expect(statuses == [200, 400])
            #expect(await zoom.zoom.refreshCount() == 1)
        }
    }

    @Test func reuseCanRevokeTheWholeGrantWhenConfigured() async throws {
        try await ZoomFixture.run { zoom in
            await zoom.zoom.setRefreshReuseRevokesGrant(true)
            let first = try await zoom.connect()
            let rotated: ZoomFixture.Tokens = try await zoom.refresh(first.refresh_token).decode()

            _ = try await zoom.refresh(first.refresh_token)
            let winner = try await zoom.refresh(rotated.refresh_token)

            #expect(winner.status == 400)
            #expect(await zoom.zoom.hasLiveGrant(userId: ZoomFixture.user1.id) == false)
        }
    }

    @Test func accessTokenExpiresAfter3599Seconds() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            await zoom.zoom.advanceClock(by: 3598)
            #expect(try await zoom.api(.GET, "/users/me", token: tokens.access_token).status == 200)

            await zoom.zoom.advanceClock(by: 2)
            let expired = try await zoom.api(.GET, "/users/me", token: tokens.access_token)
            let renewed: ZoomFixture.Tokens = try await zoom.refresh(tokens.refresh_token).decode()

            #expect(expired.status == 401)
            #expect(try expired.decode(ZoomFixture.ErrorBody.self).code == 124)
            #expect(try expired.decode(ZoomFixture.ErrorBody.self).message == "Invalid access token.")
            #expect(try await zoom.api(.GET, "/users/me", token: renewed.access_token).status == 200)
        }
    }

    @Test func revokeEndpointKillsTheGrant() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()

            let revoked = try await zoom.revoke(tokens.refresh_token)
            let api = try await zoom.api(.GET, "/users/me", token: tokens.access_token)
            let refresh = try await zoom.refresh(tokens.refresh_token)

            #expect(revoked.status == 200)
            #expect(api.status == 401)
            #expect(try api.decode(ZoomFixture.ErrorBody.self).code == 124)
            #expect(refresh.status == 400)
            #expect(try refresh.decode(ZoomFixture.ErrorBody.self).error == "invalid_grant")
        }
    }

    @Test func revokedGrantFailsTheAPIAndTheRefresh() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            let other = try await zoom.connect(ZoomFixture.user2)

            await zoom.zoom.revokeGrant(userId: ZoomFixture.user1.id)
            let api = try await zoom.api(.GET, "/users/me", token: tokens.access_token)
            let refresh = try await zoom.refresh(tokens.refresh_token)

            #expect(api.status == 401)
            #expect(try api.decode(ZoomFixture.ErrorBody.self).code == 124)
            #expect(refresh.status == 400)
            #expect(try refresh.decode(ZoomFixture.ErrorBody.self).error == "invalid_grant")
            #expect(try await zoom.api(.GET, "/users/me", token: other.access_token).status == 200)
        }
    }

    @Test func unknownBearerTokenGets124AndTheLogHoldsNoToken() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            _ = try await zoom.revoke(tokens.access_token)

            let answer = try await zoom.api(.GET, "/users/me", token: "nonsense")
            let log = await zoom.zoom.requests()

            #expect(answer.status == 401)
            #expect(try answer.decode(ZoomFixture.ErrorBody.self).code == 124)
            #expect(log.map(\.path) == ["/oauth/authorize", "/oauth/token", "/oauth/revoke", "/v2/users/me"])
            #expect(log.map(\.status) == [302, 200, 200, 401])
            #expect(await zoom.zoom.tokensIssued(to: ZoomFixture.user1.id) == [tokens.access_token, tokens.refresh_token])
        }
    }
}
