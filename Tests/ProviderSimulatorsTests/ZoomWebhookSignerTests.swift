import Foundation
import ProviderSimulators
import Testing

@Suite struct ZoomWebhookSignerTests {
    @Test func signatureIsHMACOfVersionTimestampAndBody() {
        // Expected value computed with Python's hmac module.
        let signature = ZoomWebhookSigner.signature(body: #"{"event":"x"}"#, secret: "whsec-test", timestamp: "1893499200")

        #expect(signature == "v0=1e7e369094cf48fe036188c6584171d7f97887b3ddfb340f13637c840d595c6c")
    }

    @Test func urlValidationTokenIsHMACOfThePlainToken() {
        let encrypted = ZoomWebhookSigner.encryptedToken(plainToken: "qgg8vlvZRS6UYooatFL8Aw", secret: "whsec-test")

        #expect(encrypted == "98f761f5b6cab14b031182f6c5fd8e663f4d92b356a14765ebb485339514f4cf")
    }

    @Test func signedWebhookCarriesTheEnvelopeAndMatchingHeaders() throws {
        let webhook = ZoomWebhookSigner.signedWebhook(
            event: .urlValidation, payload: ZoomURLValidationPayload(plainToken: "qgg8vlvZRS6UYooatFL8Aw"),
            secret: "whsec-test", timestamp: fixedNow
        )
        let envelope = try JSONSerialization.jsonObject(with: Data(webhook.body.utf8)) as? [String: Any]

        #expect(webhook.headers["x-zm-request-timestamp"] == "1893499200")
        #expect(webhook.headers["x-zm-signature"] == ZoomWebhookSigner.signature(body: webhook.body, secret: "whsec-test", timestamp: "1893499200"))
        #expect(webhook.headers["content-type"] == "application/json")
        #expect(envelope?["event"] as? String == "endpoint.url_validation")
        #expect(envelope?["event_ts"] as? Int == 1_893_499_200_000)
        #expect((envelope?["payload"] as? [String: Any])?["plainToken"] as? String == "qgg8vlvZRS6UYooatFL8Aw")
    }

    @Test func meetingWebhookDescribesTheStoredMeeting() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            let created: ZoomFixture.Meeting = try await zoom.createMeeting(token: tokens.access_token).decode()
            let meeting = try #require(await zoom.zoom.meeting(id: created.id))

            let webhook = await zoom.zoom.meetingWebhook(.meetingEnded, meeting: meeting, secret: "whsec-test")
            let envelope = try JSONSerialization.jsonObject(with: Data(webhook.body.utf8)) as? [String: Any]
            let payload = envelope?["payload"] as? [String: Any]
            let object = payload?["object"] as? [String: Any]

            #expect(envelope?["event"] as? String == "meeting.ended")
            #expect(payload?["account_id"] as? String == ZoomFixture.user1.accountId)
            #expect((object?["id"] as? NSNumber)?.int64Value == created.id)
            #expect(object?["uuid"] as? String == created.uuid)
            #expect(object?["host_id"] as? String == ZoomFixture.user1.id)
            #expect(object?["start_time"] as? String == "2030-01-02T10:00:00Z")
            #expect(object?["end_time"] as? String == "2030-01-01T12:00:00Z")
            #expect(webhook.headers["x-zm-signature"] == ZoomWebhookSigner.signature(body: webhook.body, secret: "whsec-test", timestamp: "1893499200"))
        }
    }

    @Test func deauthorizeRevokesTheGrantAndSignsAppDeauthorized() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()

            let webhook = await zoom.zoom.deauthorize(userId: ZoomFixture.user1.id, secret: "whsec-test")
            let envelope = try JSONSerialization.jsonObject(with: Data(webhook.body.utf8)) as? [String: Any]
            let payload = envelope?["payload"] as? [String: Any]

            #expect(envelope?["event"] as? String == "app_deauthorized")
            #expect(payload?["user_id"] as? String == ZoomFixture.user1.id)
            #expect(payload?["account_id"] as? String == ZoomFixture.user1.accountId)
            #expect(payload?["client_id"] as? String == zoom.zoom.clientId)
            #expect(payload?["deauthorization_time"] as? String == "2030-01-01T12:00:00Z")
            #expect(try await zoom.refresh(tokens.refresh_token).status == 400)
        }
    }
}
