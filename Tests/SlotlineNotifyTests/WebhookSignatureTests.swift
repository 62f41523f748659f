import Crypto
import Foundation
import SlotlineNotify
import Testing

@Suite struct WebhookSignatureTests {
    let body = #"{"id":"evt_1","type":"booking.created"}"#

    @Test func theSignatureIsHMACSHA256OfTimestampDotBody() {
        let signature = WebhookSignature.sign(body: body, secret: "whsec_test", timestamp: 1_700_000_000)

        // Computed independently of the code under test.
        let expected = HMAC<SHA256>.authenticationCode(for: Data("1700000000.\(body)".utf8), using: SymmetricKey(data: Data("whsec_test".utf8)))
            .map { String(format: "%02x", $0) }.joined()
        #expect(signature == "t=1700000000,v1=\(expected)")
    }

    @Test func verificationAcceptsTheRightSignatureOnlyWhileFresh() {
        let signature = WebhookSignature.sign(body: body, secret: "whsec_test", timestamp: 1_700_000_000)

        #expect(WebhookSignature.verify(signature, body: body, secret: "whsec_test", now: 1_700_000_100))
        #expect(!WebhookSignature.verify(signature, body: body, secret: "whsec_test", now: 1_700_000_400))
        #expect(!WebhookSignature.verify(signature, body: body + " ", secret: "whsec_test", now: 1_700_000_000))
        #expect(!WebhookSignature.verify(signature, body: body, secret: "whsec_other", now: 1_700_000_000))
        #expect(!WebhookSignature.verify("t=1700000000", body: body, secret: "whsec_test", now: 1_700_000_000))
    }
}
