import Foundation
import ProviderSimulators
import SlotlineMeetings
import Testing

@Suite struct ZoomOAuthTests {
    @Test func theAuthorizeURLCarriesStateAndAnS256Challenge() throws {
        let oauth = OAuthClient(configuration: ZoomOAuth.configuration(clientId: "app id", clientSecret: "s3cret"))
        let pkce = PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")

        let url = oauth.authorizeURL(state: "st/1", codeChallenge: pkce.challenge, redirectURI: "https://book.example.com/cb?x=1")

        #expect(url == "https://zoom.us/oauth/authorize?response_type=code&client_id=app%20id"
            + "&redirect_uri=https%3A%2F%2Fbook.example.com%2Fcb%3Fx%3D1&state=st%2F1"
            + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256")
        #expect(!"\(oauth.configuration)".contains("s3cret"))
    }

    @Test func theCodeIsExchangedWithPKCEForTokensOfTheConsentingUser() async throws {
        try await ZoomHarness.run { zoom in
            let pkce = PKCE()
            let callback = try await zoom.authorize(state: "session-42", pkce: pkce)
            let before = Date()

            let tokens = try await zoom.oauth.exchange(code: try #require(callback["code"]), verifier: pkce.verifier,
                                                       redirectURI: ZoomHarness.redirectURI)
            let account = try await zoom.provider().account(credentials: TokenStore(tokens: tokens, oauth: zoom.oauth).credentials)

            #expect(callback["state"] == "session-42")
            #expect(!tokens.accessToken.isEmpty && tokens.refreshToken?.isEmpty == false)
            #expect(abs(tokens.expiresAt.timeIntervalSince(before) - 3599) < 5)
            #expect(Set(tokens.scope.split(separator: " ").map(String.init)) == Set(ZoomOAuth.scopes))
            #expect(account == ProviderAccount(externalUserId: ZoomHarness.user.id, email: ZoomHarness.user.email,
                                               label: "Ada Lovelace (\(ZoomHarness.user.email))"))
        }
    }

    @Test func aWrongVerifierOrAReusedCodeIsADeadGrant() async throws {
        try await ZoomHarness.run { zoom in
            let pkce = PKCE()
            let code = try #require(try await zoom.authorize(pkce: pkce)["code"])

            await #expect(throws: MeetingProviderError.grantRevoked) {
                try await zoom.oauth.exchange(code: code, verifier: PKCE().verifier, redirectURI: ZoomHarness.redirectURI)
            }
            await #expect(throws: MeetingProviderError.grantRevoked) {
                try await zoom.oauth.exchange(code: code, verifier: pkce.verifier, redirectURI: ZoomHarness.redirectURI)
            }
        }
    }

    @Test func refreshRotatesAndTheOldRefreshTokenStopsWorking() async throws {
        try await ZoomHarness.run { zoom in
            let first = try await zoom.connect().tokens

            let second = try await zoom.oauth.refresh(refreshToken: try #require(first.refreshToken))

            #expect(second.refreshToken != first.refreshToken && second.accessToken != first.accessToken)
            await #expect(throws: MeetingProviderError.grantRevoked) {
                try await zoom.oauth.refresh(refreshToken: try #require(first.refreshToken))
            }
            let third = try await zoom.oauth.refresh(refreshToken: try #require(second.refreshToken))
            #expect(third.refreshToken != second.refreshToken)
        }
    }

    @Test func aGrantRemovedOnZoomIsInvalidGrant() async throws {
        try await ZoomHarness.run { zoom in
            let tokens = try await zoom.connect().tokens
            await zoom.simulator.revokeGrant(userId: ZoomHarness.user.id)

            await #expect(throws: MeetingProviderError.grantRevoked) {
                try await zoom.oauth.refresh(refreshToken: try #require(tokens.refreshToken))
            }
        }
    }

    @Test func revokeEndsTheGrantAndRevokingAgainIsDone() async throws {
        try await ZoomHarness.run { zoom in
            let tokens = try await zoom.connect().tokens

            try await zoom.oauth.revoke(token: tokens.accessToken)

            #expect(await zoom.simulator.hasLiveGrant(userId: ZoomHarness.user.id) == false)
            await #expect(throws: MeetingProviderError.grantRevoked) {
                try await zoom.oauth.refresh(refreshToken: try #require(tokens.refreshToken))
            }
            try await zoom.oauth.revoke(token: tokens.accessToken)
        }
    }

    @Test func aWrongClientSecretIsRefusedPermanently() async throws {
        try await ZoomHarness.run { zoom in
            let tokens = try await zoom.connect().tokens

            let error = await #expect(throws: MeetingProviderError.self) {
                try await zoom.oauth(secret: "not-the-secret").refresh(refreshToken: try #require(tokens.refreshToken))
            }

            #expect(error?.code == "provider_invalid_request")
            #expect(error?.isRetryable == false)
        }
    }

    @Test func tokenEndpointOutagesAreRetryable() async throws {
        try await ZoomHarness.run { zoom in
            let tokens = try await zoom.connect().tokens
            let refreshToken = try #require(tokens.refreshToken)
            await zoom.simulator.inject(.serverError, on: [.token])
            await zoom.simulator.inject(.rateLimited(retryAfterSeconds: 30), on: [.token])

            await #expect(throws: MeetingProviderError.transient("the token endpoint answered 500")) {
                try await zoom.oauth.refresh(refreshToken: refreshToken)
            }
            await #expect(throws: MeetingProviderError.rateLimited(retryAfter: .seconds(30))) {
                try await zoom.oauth.refresh(refreshToken: refreshToken)
            }
            // Neither attempt reached the grant: the refresh token still works.
            _ = try await zoom.oauth.refresh(refreshToken: refreshToken)
        }
    }
}
