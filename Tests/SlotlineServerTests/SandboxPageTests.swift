import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import Testing

/// The sandbox join page admits a participant only with the meeting's passcode, as a real provider does.
@Suite struct SandboxPageTests {
    @Test func theJoinLinkAsksForThePasscodeAndAdmitsOnlyTheRightOne() async throws {
        try await TestApp.run(.sqlite) { app in
            let number = "8123456789"
            let passcode = ServerSettings.test.sandboxProvider.passcode(for: number)
            let wrong = passcode == "000000" ? "111111" : "000000"

            let bare = try await app.visitor.get("/sandbox/j/\(number)")
            let refused = try await app.visitor.get("/sandbox/j/\(number)?pwd=\(wrong)")
            let empty = try await app.visitor.get("/sandbox/j/\(number)?pwd=")
            let joined = try await app.visitor.get("/sandbox/j/\(number)?pwd=\(passcode)")

            #expect(bare.status == .ok)
            #expect(bare.text.contains(#"name="pwd""#) && !bare.text.contains("You joined"))
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("passcode is not right") && refused.text.contains(#"name="pwd""#) && !refused.text.contains("You joined"))
            #expect(empty.status == .forbidden && !empty.text.contains("You joined"))
            #expect(joined.status == .ok)
            #expect(joined.text.contains("You joined sandbox meeting \(number)"))
        }
    }
}
