import Foundation
import SlotlineCore
import SlotlineDesk
import Testing

/// How fast passwords can be guessed: per account, and per address across accounts.
@Suite struct SignInThrottleTests {
    let start = Date(timeIntervalSince1970: 2_000_000_000)

    @Test("an address that failed for many accounts is refused for every account until its oldest failure ages out")
    func perAddress() async throws {
        let throttle = SignInThrottle(perAccount: 5, perAddress: 20, window: 900)
        for attempt in 0..<20 {
            try await throttle.check(account: "user\(attempt)@example.com", address: "203.0.113.7", now: start)
            await throttle.failed(account: "user\(attempt)@example.com", address: "203.0.113.7", now: start)
        }

        await #expect(throws: SlotlineError(.tooManyAttempts, field: "email", detail: "900")) {
            try await throttle.check(account: "fresh@example.com", address: "203.0.113.7", now: start)
        }
        try await throttle.check(account: "fresh@example.com", address: "198.51.100.1", now: start)
        try await throttle.check(account: "fresh@example.com", address: "203.0.113.7", now: start.addingTimeInterval(901))
    }

    @Test("an account is refused after five failures whatever the address, and a right password clears it")
    func perAccount() async throws {
        let throttle = SignInThrottle()
        for attempt in 0..<5 {
            await throttle.failed(account: "Ada@Example.com", address: "192.0.2.\(attempt)", now: start)
        }

        await #expect(throws: SlotlineError.self) {
            try await throttle.check(account: "ada@example.com", address: "192.0.2.99", now: start.addingTimeInterval(60))
        }
        await throttle.succeeded(account: "ada@example.com")
        try await throttle.check(account: "ada@example.com", address: "192.0.2.99", now: start.addingTimeInterval(60))
    }
}
