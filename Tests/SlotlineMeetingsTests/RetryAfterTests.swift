import Foundation
@testable import SlotlineMeetings
import Testing

@Suite struct RetryAfterTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000) // Tue, 14 Nov 2023 22:13:20 GMT

    @Test func secondsAreADelay() {
        #expect(RetryAfter.parse("120", now: now) == .seconds(120))
        #expect(RetryAfter.parse(" 0 ", now: now) == .seconds(0))
    }

    @Test func anHTTPDateIsTheTimeLeftUntilThen() {
        #expect(RetryAfter.parse("Tue, 14 Nov 2023 22:14:00 GMT", now: now) == .seconds(40))
        #expect(RetryAfter.parse("Tuesday, 14-Nov-23 22:14:00 GMT", now: now) == .seconds(40))
        #expect(RetryAfter.parse("Tue, 14 Nov 2023 22:00:00 GMT", now: now) == .seconds(0))
    }

    @Test func absentOrUnreadableIsNoHint() {
        #expect(RetryAfter.parse(nil, now: now) == nil)
        #expect(RetryAfter.parse("", now: now) == nil)
        #expect(RetryAfter.parse("soon", now: now) == nil)
    }
}
