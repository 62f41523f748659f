import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

@Suite("Booking lifecycle over HTTP")
struct BookingLifecycleTests {
    @Test("an instant service is confirmed at once", arguments: TestDatabase.flavors)
    func instant(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let start = app.opening()

            let response = try await app.book(app.studio.instant, at: start)

            #expect(response.status == .created)
            #expect(response.json["state"] == "confirmed")
            #expect(response.json["startsAt"].date == start)
            #expect(response.json["manageToken"].string?.hasPrefix("mt_") == true)
            let id = try #require(response.json["id"].string)
            #expect(try await app.owner.get("/api/v1/bookings/\(id)").json["state"] == "confirmed")
        }
    }

    @Test("a manual service is pending until staff accept it", arguments: TestDatabase.flavors)
    func manualAccept(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let booking = try await app.booked(app.studio.manual, at: app.opening())
            let id = try #require(booking["id"].string)

            let accepted = try await app.owner.post("/api/v1/bookings/\(id)/accept")
            let again = try await app.owner.post("/api/v1/bookings/\(id)/accept")

            #expect(booking["state"] == "pending")
            #expect(accepted.status == .ok)
            #expect(accepted.json["state"] == "confirmed")
            #expect(again.status == .conflict)
            #expect(again.errorCode == "invalid_state")
        }
    }

    @Test("a paid service waits for payment with instructions, then mark-paid confirms it", arguments: TestDatabase.flavors)
    func paid(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let booking = try await app.booked(app.studio.paid, at: app.opening())
            let id = try #require(booking["id"].string)
            let token = try #require(booking["manageToken"].string)
            let waiting = try await app.visitor.get("/api/v1/manage/\(token)")

            let paid = try await app.owner.post("/api/v1/bookings/\(id)/mark-paid")
            let afterPayment = try await app.visitor.get("/api/v1/manage/\(token)")

            #expect(booking["state"] == "awaitingPayment")
            #expect(booking["paymentInstructions"] == "Pay to account 123")
            #expect(booking["holdExpiresAt"].date != nil)
            #expect(waiting.json["paymentInstructions"] == "Pay to account 123")
            #expect(paid.status == .ok)
            #expect(paid.json["state"] == "confirmed")
            #expect(paid.json["paidAt"].date != nil)
            #expect(afterPayment.json["state"] == "confirmed")
            #expect(afterPayment.json["paymentInstructions"].isNull)
        }
    }

    @Test("a payment marked after the hold lapsed and the slot was sold again is refused", arguments: TestDatabase.flavors)
    func lateMarkPaid(_ flavor: SQLFlavor) async throws {
        let time = TimeSource()
        try await TestApp.run(flavor, time: time) { app in
            let start = app.opening()
            let unpaid = try await app.bookedId(app.studio.paid, at: start)
            time.advance(by: Double(app.studio.paid.paymentWindowMinutes + 1) * 60)
            let resold = try await app.bookedId(app.studio.instant, at: start, customer: "Hopper")

            let late = try await app.owner.post("/api/v1/bookings/\(unpaid)/mark-paid")

            #expect(late.status == .conflict)
            #expect(late.errorCode == "slot_unavailable")
            #expect(try await app.owner.get("/api/v1/bookings/\(unpaid)").json["state"] == "awaitingPayment")
            #expect(try await app.owner.get("/api/v1/bookings/\(resold)").json["state"] == "confirmed")
        }
    }

    @Test("declining a request frees its slot", arguments: TestDatabase.flavors)
    func decline(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let start = app.opening()
            let id = try await app.bookedId(app.studio.manual, at: start)
            #expect(try await offered(app, start) == false)

            let declined = try await app.owner.post("/api/v1/bookings/\(id)/decline")

            #expect(declined.status == .ok)
            #expect(declined.json["state"] == "declined")
            #expect(try await offered(app, start) == true)
            #expect(try await app.book(app.studio.instant, at: start, customer: "Hopper").status == .created)
        }
    }

    @Test("cancelling a confirmed booking frees its slot", arguments: TestDatabase.flavors)
    func cancel(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let start = app.opening()
            let id = try await app.bookedId(app.studio.instant, at: start)

            let cancelled = try await app.owner.post("/api/v1/bookings/\(id)/cancel")
            let twice = try await app.owner.post("/api/v1/bookings/\(id)/cancel")

            #expect(cancelled.status == .ok)
            #expect(cancelled.json["state"] == "cancelled")
            #expect(twice.status == .conflict)
            #expect(twice.errorCode == "invalid_state")
            #expect(try await offered(app, start) == true)
        }
    }

    @Test("staff reschedule to a taken slot is refused; to a free one it moves", arguments: TestDatabase.flavors)
    func reschedule(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let (nine, ten, eleven) = (app.opening(hour: 9), app.opening(hour: 10), app.opening(hour: 11))
            let moving = try await app.bookedId(app.studio.instant, at: nine)
            _ = try await app.booked(app.studio.instant, at: ten, customer: "Hopper")

            let taken = try await app.owner.post("/api/v1/bookings/\(moving)/reschedule", ["startsAt": .string(rfc3339(ten))])
            let moved = try await app.owner.post("/api/v1/bookings/\(moving)/reschedule", ["startsAt": .string(rfc3339(eleven))])

            #expect(taken.status == .conflict)
            #expect(taken.errorCode == "slot_unavailable")
            #expect(moved.status == .ok)
            #expect(moved.json["startsAt"].date == eleven)
            #expect(moved.json["sequence"] == 1)
            #expect(try await offered(app, nine) == true)
            #expect(try await offered(app, eleven) == false)
        }
    }

    @Test("each booking is listed under the right tab", arguments: TestDatabase.flavors)
    func tabs(_ flavor: SQLFlavor) async throws {
        let time = TimeSource()
        try await TestApp.run(flavor, time: time) { app in
            let confirmed = try await app.bookedId(app.studio.instant, at: app.opening(hour: 9))
            let pending = try await app.bookedId(app.studio.manual, at: app.opening(hour: 10))
            let unpaid = try await app.bookedId(app.studio.paid, at: app.opening(hour: 11))
            let declined = try await app.bookedId(app.studio.manual, at: app.opening(hour: 12))
            let cancelled = try await app.bookedId(app.studio.instant, at: app.opening(hour: 13))
            #expect(try await app.owner.post("/api/v1/bookings/\(declined)/decline").status == .ok)
            #expect(try await app.owner.post("/api/v1/bookings/\(cancelled)/cancel").status == .ok)

            #expect(try await app.bookingIds(tab: "pending") == [pending])
            #expect(try await app.bookingIds(tab: "awaiting_payment") == [unpaid])
            #expect(try await app.bookingIds(tab: "upcoming") == [confirmed])
            #expect(try await app.bookingIds(tab: "past") == [])
            #expect(try await app.bookingIds(tab: "cancelled") == [declined, cancelled])

            time.advance(by: 5 * 86_400)

            #expect(try await app.bookingIds(tab: "upcoming") == [])
            #expect(try await app.bookingIds(tab: "past") == [confirmed])
        }
    }

    /// Whether the public page offers `start` for the instant service.
    private func offered(_ app: TestApp, _ start: Date) async throws -> Bool {
        let slots = try await app.visitor.get("\(app.publicPath)/services/\(app.studio.instant.id)/slots?" + query([
            "from": rfc3339(start.addingTimeInterval(-3600)), "to": rfc3339(start.addingTimeInterval(3600)),
        ]))
        guard slots.status == .ok else { throw TestFailure("slots answered \(slots.status.code): \(slots.text)") }
        return slots.json["items"].items.contains { $0["startsAt"].date == start }
    }
}
