import SlotlineMeetings
import Testing

@Suite struct PKCETests {
    @Test func theChallengeIsTheS256OfTheVerifier() {
        // RFC 7636, appendix B.
        let pkce = PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")

        #expect(pkce.challenge == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        #expect(PKCE.method == "S256")
    }

    @Test func freshVerifiersAreLongURLSafeAndDistinct() {
        let one = PKCE(), two = PKCE()
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

        #expect(one.verifier.count == 43)
        #expect(one.verifier.allSatisfy(unreserved.contains))
        #expect(one.verifier != two.verifier)
        #expect(!"\(one)".contains(one.verifier))
    }
}
