import Foundation
import ProviderSimulators
@testable import SlotlineMeetings
import Testing

@Suite struct SecretLeakTests {
    @Test func noTokenCodeOrSecretAppearsInAnyErrorOrLogLine() async throws {
        try await ZoomHarness.run { zoom in
            var errors: [any Error] = []
            func collect(_ body: () async throws -> some Any) async {
                do { _ = try await body() } catch { errors.append(error) }
            }
            let pkce = PKCE()
            let code = try #require(try await zoom.authorize(pkce: pkce)["code"])
            let tokens = try await zoom.oauth.exchange(code: code, verifier: pkce.verifier, redirectURI: ZoomHarness.redirectURI)
            let store = TokenStore(tokens: tokens, oauth: zoom.oauth)
            let provider = zoom.provider(timeout: .milliseconds(250))
            let refreshToken = try #require(tokens.refreshToken)

            await collect { try await zoom.oauth.exchange(code: code, verifier: pkce.verifier, redirectURI: ZoomHarness.redirectURI) }
            await collect { try await zoom.oauth(secret: "wrong-client-secret").refresh(refreshToken: refreshToken) }
            for fault in [ZoomSimulatorFault.rateLimited(retryAfterSeconds: 3), .serverError, .slowAnswer(delay: .seconds(1)), .answerLost()] {
                await zoom.simulator.inject(fault, on: [.createMeeting])
                await collect { try await provider.create(sampleRequest(), credentials: store.credentials) }
            }
            await collect { try await provider.delete(externalId: "not-a-number", credentials: store.credentials) }
            await collect { try await provider.update(externalId: "98765432109", sampleRequest(), credentials: store.credentials) }
            await collect { try await provider.create(sampleRequest(), credentials: staleCredentials(tokens.accessToken + "x")) }
            await zoom.simulator.inject(.revokedGrant, on: [.getUser])
            await collect { try await provider.account(credentials: store.credentials) }
            await zoom.simulator.inject(.slowAnswer(delay: .seconds(1)), on: [.revoke])
            // The revoke URL carries the token in its query: it must not reach the message.
            await collect { try await OAuthClient(configuration: zoom.oauth.configuration, timeout: .milliseconds(250), logger: zoom.logs.logger)
                .revoke(token: tokens.accessToken) }
            await collect { try await zoom.oauth.refresh(refreshToken: refreshToken) }

            let secrets = await zoom.issuedSecrets() + [code, pkce.verifier, "wrong-client-secret", tokens.accessToken + "x"]
            let texts = errors.flatMap { [String(describing: $0), String(reflecting: $0), $0.localizedDescription] }
                + ["\(tokens)", String(reflecting: tokens), { var out = ""; dump(tokens, to: &out); return out }()]
                + ["\(zoom.oauth.configuration)", String(reflecting: zoom.oauth.configuration)]
            #expect(errors.count == 11, "\(errors)")
            #expect(zoom.logs.count > 10)
            for secret in secrets {
                #expect(!texts.contains { $0.contains(secret) }, "a secret leaked into an error")
                #expect(!zoom.logs.text.contains(secret), "a secret leaked into the logs")
            }
        }
    }

    @Test func secretsEchoedByAProviderAreRemovedFromMessages() {
        let redaction = Redaction(["c0de/with+chars", "tok"])

        let scrubbed = redaction.scrub("Invalid authorization code c0de/with+chars (c0de%2Fwith%2Bchars)")

        #expect(scrubbed == "Invalid authorization code [redacted] ([redacted])")
        #expect(redaction.scrub("a token") == "a token") // too short to be a secret: left alone
    }
}
