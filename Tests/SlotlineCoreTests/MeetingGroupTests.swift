import Foundation
import Testing
@testable import SlotlineCore

/// A meeting's group key names the bookings it serves, and reads back to them.
@Suite struct MeetingGroupTests {
    let start = instant("2026-03-09T09:00:00Z")

    func booking(id: String = "0190b1c2-7d3e-7f00-8a11-2233445566ff") -> Booking {
        let now = instant("2026-03-01T00:00:00Z")
        return Booking(id: id, workspaceId: "w1", serviceId: "s1", practitionerId: "p1", state: .confirmed,
                       startsAt: start, endsAt: start.addingTimeInterval(3600),
                       customer: Customer(name: "Ana", email: "ana@example.com", timeZone: "UTC"), createdAt: now, updatedAt: now)
    }

    @Test func oneSeatServicesKeyTheBooking() {
        let key = Meeting.groupKey(for: booking(), capacity: 1)

        #expect(key == "booking:0190b1c2-7d3e-7f00-8a11-2233445566ff")
        #expect(Meeting.Group(key: key) == .booking(id: "0190b1c2-7d3e-7f00-8a11-2233445566ff"))
    }

    @Test func groupClassesKeyTheSessionTime() {
        let key = Meeting.groupKey(for: booking(), capacity: 8)

        #expect(key == "group:s1:p1:1773046800")
        #expect(Meeting.Group(key: key) == .session(serviceId: "s1", practitionerId: "p1", startsAt: start))
    }

    @Test func seatsOfOneSessionShareTheKey() {
        #expect(Meeting.groupKey(for: booking(id: "b1"), capacity: 3) == Meeting.groupKey(for: booking(id: "b2"), capacity: 3))
    }

    @Test(arguments: ["", "booking:", "booking", "group:s1:p1", "group:s1:p1:noon", "group::p1:1773046800",
                      "group:s1:p1:1773046800:extra", "pool:line-1"])
    func anythingElseNamesNothing(key: String) {
        #expect(Meeting.Group(key: key) == nil)
    }
}
