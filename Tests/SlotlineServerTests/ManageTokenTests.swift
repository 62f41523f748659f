import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

@Suite("The customer's manage token")
struct ManageTokenTests {
    @Test("the token shows the customer's booking, without the token itself", arguments: TestDatabase.flavors)
    func view(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let start = app.opening()
            let booking = try await app.booked(app.studio.instant, at: start)
            let token = try #require(booking["manageToken"].string)

            let view = try await app.visitor.get("/api/v1/manage/\(token)")
            let unknown = try await app.visitor.get("/api/v1/manage/mt_unknown")

            #expect(view.status == .ok)
            #expect(view.json["id"] == booking["id"])
            #expect(view.json["state"] == "confirmed")
            #expect(view.json["startsAt"].date == start)
            #expect(view.json["timeZone"] == "Europe/London")
            #expect(view.json["manageToken"].isNull)
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "not_found")
        }
    }

    @Test("a reschedule request waits in the pending tab until staff approve it", arguments: TestDatabase.flavors)
    func rescheduleApproved(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let (start, later) = (app.opening(hour: 9), app.opening(hour: 14))
            let booking = try await app.booked(app.studio.instant, at: start)
            let (id, token) = (try #require(booking["id"].string), try #require(booking["manageToken"].string))

            let asked = try await app.visitor.post("/api/v1/manage/\(token)/reschedule-request", [
                "startsAt": .string(rfc3339(later)), "reason": "Train delayed",
            ])
            #expect(asked.status == .ok)
            #expect(asked.json["request"]["kind"] == "reschedule")
            #expect(asked.json["request"]["startsAt"].date == later)
            #expect(asked.json["startsAt"].date == start)
            #expect(try await app.bookingIds(tab: "pending").contains(id))

            let approved = try await app.owner.post("/api/v1/bookings/\(id)/approve")
            let view = try await app.visitor.get("/api/v1/manage/\(token)")

            #expect(approved.status == .ok)
            #expect(approved.json["request"].isNull)
            #expect(view.json["startsAt"].date == later)
            #expect(view.json["state"] == "confirmed")
            #expect(try await !app.bookingIds(tab: "pending").contains(id))
        }
    }

    @Test("a cancel request rejected by staff leaves the booking confirmed", arguments: TestDatabase.flavors)
    func cancelRejected(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let booking = try await app.booked(app.studio.instant, at: app.opening())
            let (id, token) = (try #require(booking["id"].string), try #require(booking["manageToken"].string))

            let asked = try await app.visitor.post("/api/v1/manage/\(token)/cancel-request", ["reason": "Feeling ill"])
            let twice = try await app.visitor.post("/api/v1/manage/\(token)/cancel-request", ["reason": "Really"])
            let rejected = try await app.owner.post("/api/v1/bookings/\(id)/reject")
            let view = try await app.visitor.get("/api/v1/manage/\(token)")

            #expect(asked.status == .ok)
            #expect(asked.json["request"]["kind"] == "cancel")
            #expect(asked.json["request"]["reason"] == "Feeling ill")
            #expect(twice.status == .conflict)
            #expect(twice.errorCode == "request_already_pending")
            #expect(rejected.status == .ok)
            #expect(view.json["state"] == "confirmed")
            #expect(view.json["request"].isNull)
        }
    }

    @Test("a reschedule request to a taken time is refused at once", arguments: TestDatabase.flavors)
    func rescheduleRequestConflict(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let taken = app.opening(hour: 10)
            let token = try #require(try await app.booked(app.studio.instant, at: app.opening(hour: 9))["manageToken"].string)
            _ = try await app.bookedId(app.studio.instant, at: taken, customer: "Hopper")

            let asked = try await app.visitor.post("/api/v1/manage/\(token)/reschedule-request", ["startsAt": .string(rfc3339(taken))])

            #expect(asked.status == .conflict)
            #expect(asked.errorCode == "slot_unavailable")
            #expect(try await app.visitor.get("/api/v1/manage/\(token)").json["request"].isNull)
        }
    }
}
