import Foundation
import SlotlineCore
import SlotlineServer
import SlotlineTestSupport
import Testing

/// A zone comes back under the name it was given (Foundation on Linux calls "UTC" "GMT").
@Suite struct TimeZoneNameTests {
    @Test func utcStaysUTC() async throws {
        try await TestApp.run(.sqlite) { app in
            let slots = try await app.visitor.get("\(app.publicPath)/services/\(app.studio.instant.id)/slots?timeZone=UTC")
            #expect(slots.json["timeZone"] == "UTC")

            let booked = try await app.visitor.post("\(app.publicPath)/bookings",
                                                    TestApp.bookingBody(app.studio.instant, at: app.opening(), timeZone: "UTC"))
            #expect(booked.status == .created)
            #expect(booked.json["timeZone"] == "UTC")
            #expect(booked.json["customer"]["timeZone"] == "UTC")
        }
    }
}
