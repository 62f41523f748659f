import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

/// SPEC §6: each booking event writes the customer's message and the staff notices, once, in the
/// customer's language and zone, with an invitation that calendars can follow.
@Suite("Booking notifications")
struct NotificationTests {
    @Test("an instant booking sends the confirmation, and a notice to owners, admins and the practitioner's user only",
          arguments: TestDatabase.flavors)
    func instantBooking(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let runner = try JobRunner(store: app.store)
            _ = try await app.staff(role: .admin)
            _ = try await app.staff(role: .staff, practitionerId: app.studio.practitioner.id)
            _ = try await app.staff(role: .staff)
            let start = app.opening()
            let id = try await app.bookedId(app.studio.instant, at: start)

            try await runner.runDue()

            let messages = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id)
            let notified = try await app.staffEmails { $0.role.canConfigure || $0.practitionerId == app.studio.practitioner.id }
            let everyone = try await app.staffEmails { _ in true }
            #expect(messages.kinds == ["confirmed", "staff-new", "staff-new", "staff-new"])
            #expect(notified.count == 3 && everyone.count == 4)
            #expect(Set(messages.of("staff-new").map(\.recipientEmail)) == notified)
            let confirmed = try messages.one("confirmed")
            #expect(confirmed.recipientEmail == "grace@example.com")
            #expect(confirmed.subject.hasPrefix("Booking confirmed: Instant"))
            #expect(confirmed.textBody.contains(Studio.practitionerSecret))
            let invite = try #require(confirmed.invite)
            #expect(invite.method == "REQUEST")
            #expect(invite.uid == "\(id)@slotline.example.com")
            #expect(invite.sequence == 0)
            #expect(invite.start == icsTime(start))
            #expect(invite.location == Studio.practitionerSecret)
            #expect(messages.allSatisfy { $0.transport == .outbox && $0.state == .stored })
        }
    }

    @Test("a manual service sends 'received', then 'confirmed' when staff accept", arguments: TestDatabase.flavors)
    func manualAccept(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let runner = try JobRunner(store: app.store)
            let id = try await app.bookedId(app.studio.manual, at: app.opening())
            try await runner.runDue()
            let waiting = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id)

            try await app.staffAction("accept", id)
            try await runner.runDue()

            let accepted = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id)
            #expect(waiting.kinds == ["received", "staff-new"])
            let received = try waiting.one("received")
            #expect(received.subject.hasPrefix("Booking request received: Manual"))
            #expect(received.calendar == nil)
            #expect(accepted.kinds == ["confirmed", "received", "staff-new"])
            let confirmed = try accepted.one("confirmed")
            #expect(confirmed.textBody.contains(Studio.practitionerSecret))
            #expect(confirmed.invite?.method == "REQUEST")
            #expect(confirmed.invite?.sequence == 1)
        }
    }

    @Test("the booking number the payment message asks to quote is the one the customer's and the staff's answers show")
    func bookingNumberIsShownEverywhere() async throws {
        try await TestApp.run(.sqlite) { app in
            let runner = try JobRunner(store: app.store)
            let submitted = try await app.book(app.studio.paid, at: app.opening()).json
            let id = try #require(submitted["id"].string)
            try await runner.runDue()
            let staff = try await app.owner.get("/api/v1/bookings/\(id)").json
            let manage = try await app.visitor.get("/api/v1/manage/\(submitted["manageToken"].string ?? "")").json
            let awaiting = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id).one("awaiting-payment")

            let reference = try #require(submitted["reference"].string)
            #expect(reference.count == 8 && reference == reference.uppercased())
            #expect(staff["reference"] == .string(reference))
            #expect(manage["reference"] == .string(reference))
            #expect(awaiting.textBody.contains(reference))
        }
    }

    @Test("a customer whose change requests staff reject hears of each, and the booking stays as it was", arguments: TestDatabase.flavors)
    func rejectedRequestsAreTold(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let runner = try JobRunner(store: app.store)
            let start = app.opening(hour: 9)
            let booked = try await app.book(app.studio.instant, at: start).json
            let (id, token) = (try #require(booked["id"].string), try #require(booked["manageToken"].string))
            try await runner.runDue()

            let asked = try await app.visitor.post("/api/v1/manage/\(token)/reschedule-request", ["startsAt": .string(rfc3339(app.opening(hour: 11)))])
            try await app.staffAction("reject", id)
            try await runner.runDue()
            app.store.time.advance(by: 60)
            let askedAgain = try await app.visitor.post("/api/v1/manage/\(token)/cancel-request", ["reason": "Something came up"])
            try await app.staffAction("reject", id)
            try await runner.runDue()

            let rejections = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id).of("request-rejected")
            let view = try await app.owner.get("/api/v1/bookings/\(id)").json
            #expect(asked.status == .ok && askedAgain.status == .ok, "\(asked.text) \(askedAgain.text)")
            #expect(rejections.count == 2, "each rejection is told once")
            #expect(rejections.allSatisfy { $0.recipientEmail == "grace@example.com" })
            let first = try #require(rejections.first)
            #expect(first.subject.hasPrefix("Your change request was not accepted: Instant"))
            #expect(first.textBody.contains("It stays as it was"))
            #expect(first.textBody.contains("/manage/"), "the customer can ask again from the manage page")
            #expect(!first.everything.contains(Studio.practitionerSecret), "no private meeting details")
            #expect(view["state"] == "confirmed")
            #expect(view["startsAt"] == .string(RFC3339.format(start, in: TimeZone(identifier: "UTC")!)))
        }
    }

    @Test("a paid service asks for payment with the workspace's instructions; mark-paid confirms", arguments: TestDatabase.flavors)
    func paidThenMarkedPaid(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let runner = try JobRunner(store: app.store)
            let id = try await app.bookedId(app.studio.paid, at: app.opening())
            try await runner.runDue()
            let unpaid = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id)

            try await app.staffAction("mark-paid", id)
            try await runner.runDue()

            let paid = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id)
            #expect(unpaid.kinds == ["awaiting-payment", "staff-new"])
            let awaiting = try unpaid.one("awaiting-payment")
            #expect(awaiting.subject.hasPrefix("Please pay to confirm your booking: Paid"))
            #expect(awaiting.textBody.contains("Pay to account 123"))
            #expect(awaiting.textBody.contains("USD 50.00"))
            let booking = try #require(try await app.store.bookings.find(id: id, workspaceId: app.studio.workspace.id))
            #expect(booking.reference.count == 8)
            #expect(awaiting.textBody.contains("Your booking number (quote it with your payment): \(booking.reference)"),
                    "the customer is asked to quote a number the message gives")
            #expect(awaiting.calendar == nil)
            #expect(paid.kinds == ["awaiting-payment", "confirmed", "staff-new"])
            #expect(try paid.one("confirmed").textBody.contains(Studio.practitionerSecret))
            #expect(!(try paid.one("confirmed").textBody.contains("Pay to account 123")))
        }
    }

    @Test("declining a request sends 'declined'", arguments: TestDatabase.flavors)
    func declined(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let runner = try JobRunner(store: app.store)
            let id = try await app.bookedId(app.studio.manual, at: app.opening())

            try await app.staffAction("decline", id)
            try await runner.runDue()

            let messages = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id)
            #expect(messages.kinds == ["declined", "received", "staff-new"])
            let declined = try messages.one("declined")
            #expect(declined.subject.hasPrefix("Booking request declined: Manual"))
            #expect(declined.recipientEmail == "grace@example.com")
            #expect(declined.calendar == nil)
        }
    }

    @Test("an unpaid hold that lapses sends 'expired' to the customer and a cancellation notice to staff",
          arguments: TestDatabase.flavors)
    func expired(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let runner = try JobRunner(store: app.store)
            let id = try await app.bookedId(app.studio.paid, at: app.opening())
            try await runner.runDue()

            try await runner.advance(by: Double(app.studio.paid.paymentWindowMinutes + 1) * 60)

            let messages = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id)
            #expect(try await app.owner.get("/api/v1/bookings/\(id)").json["state"] == "expired")
            #expect(messages.kinds == ["awaiting-payment", "expired", "staff-cancelled", "staff-new"])
            #expect(try messages.one("expired").subject.hasPrefix("Booking expired: Paid"))
        }
    }

    @Test("a reschedule sends a new invitation with a higher SEQUENCE; a cancellation sends METHOD:CANCEL with the same UID",
          arguments: TestDatabase.flavors)
    func rescheduleThenCancel(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let runner = try JobRunner(store: app.store)
            let (nine, eleven) = (app.opening(hour: 9), app.opening(hour: 11))
            let id = try await app.bookedId(app.studio.instant, at: nine)
            try await runner.runDue()

            try await app.reschedule(id, to: eleven)
            try await runner.runDue()
            try await app.staffAction("cancel", id)
            try await runner.runDue()

            let messages = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id)
            #expect(messages.kinds == ["cancelled", "confirmed", "rescheduled", "staff-cancelled", "staff-changed", "staff-new"])
            let first = try #require(try messages.one("confirmed").invite)
            let moved = try messages.one("rescheduled")
            let movedInvite = try #require(moved.invite)
            let cancelled = try #require(try messages.one("cancelled").invite)
            #expect(moved.subject.hasPrefix("Booking rescheduled: Instant"))
            #expect(moved.textBody.contains(Studio.practitionerSecret))
            #expect(movedInvite.method == "REQUEST")
            #expect(movedInvite.uid == first.uid)
            #expect(movedInvite.sequence! > first.sequence!)
            #expect(first.start == icsTime(nine))
            #expect(movedInvite.start == icsTime(eleven))
            #expect(movedInvite.location == Studio.practitionerSecret)
            #expect(cancelled.method == "CANCEL")
            #expect(cancelled.status == "CANCELLED")
            #expect(cancelled.uid == first.uid)
            #expect(cancelled.sequence! > movedInvite.sequence!)
            #expect(cancelled.location == nil)
        }
    }

    @Test("the customer's message speaks the customer's language and shows the customer's zone; staff notices the workspace's",
          arguments: TestDatabase.flavors)
    func customerLanguageAndZone(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let runner = try JobRunner(store: app.store)
            // The studio works in UTC: 09:00 there is 17:00 in Taipei and Shanghai.
            let traditional = try await app.bookedId(app.studio.instant, at: app.opening(hour: 9), customer: "林小美",
                                                     email: "lin@example.com", language: .zhHant, timeZone: "Asia/Taipei")
            let simplified = try await app.bookedId(app.studio.instant, at: app.opening(hour: 10), customer: "王小明",
                                                    email: "wang@example.com", language: .zhHans, timeZone: "Asia/Shanghai")

            try await runner.runDue()

            let workspace = app.studio.workspace.id
            let hant = try await app.store.messages(workspaceId: workspace, bookingId: traditional)
            let hans = try await app.store.messages(workspaceId: workspace, bookingId: simplified)
            let hantConfirmed = try hant.one("confirmed")
            #expect(hantConfirmed.language == .zhHant)
            #expect(hantConfirmed.subject.hasPrefix("預約已確認：Instant，"))
            #expect(hantConfirmed.subject.hasSuffix(" 17:00"))
            #expect(hantConfirmed.textBody.contains("17:00–18:00（Asia/Taipei，GMT+8）"))
            #expect(hantConfirmed.textBody.contains("您的預約已確認"))
            #expect(!hantConfirmed.everything.contains("预约"))
            #expect(hantConfirmed.htmlBody.contains("lang=\"zh-Hant\""))
            let hansConfirmed = try hans.one("confirmed")
            #expect(hansConfirmed.language == .zhHans)
            #expect(hansConfirmed.subject.hasPrefix("预约已确认：Instant，"))
            #expect(hansConfirmed.textBody.contains("18:00–19:00（Asia/Shanghai，GMT+8）"))
            #expect(!hansConfirmed.everything.contains("預約"))
            let notice = try hant.one("staff-new")
            #expect(notice.language == .en)
            #expect(notice.subject.hasPrefix("New booking from 林小美: Instant on "))
            #expect(notice.subject.hasSuffix(" at 09:00"))
            #expect(notice.textBody.contains("09:00–10:00 (UTC)"))
        }
    }

    @Test("running a booking's event jobs again, even twice at once, writes no message twice", arguments: TestDatabase.flavors)
    func eventsRunAgain(_ flavor: SQLFlavor) async throws {
        let time = TimeSource()
        try await TestApp.run(flavor, time: time) { app in
            let runner = try JobRunner(store: app.store)
            let other = try JobRunner(store: app.store, name: "other-worker")
            _ = try await app.staff(role: .staff, practitionerId: app.studio.practitioner.id)
            let moved = try await app.bookedId(app.studio.instant, at: app.opening(hour: 9))
            let accepted = try await app.bookedId(app.studio.manual, at: app.opening(hour: 10), customer: "Hopper")
            _ = try await app.bookedId(app.studio.paid, at: app.opening(hour: 11), customer: "Lovelace")
            try await runner.runDue()
            try await app.reschedule(moved, to: app.opening(hour: 13))
            try await runner.runDue()
            try await app.staffAction("cancel", moved)
            try await app.staffAction("accept", accepted)
            try await runner.advance(by: Double(app.studio.paid.paymentWindowMinutes + 1) * 60)
            let before = try await app.store.messages(workspaceId: app.studio.workspace.id)
            let events = try await runner.jobs("booking.event").filter { $0.state == .done }

            for event in events {
                for _ in 0..<2 {
                    try await app.store.jobs.enqueue(event.kind, payload: event.payload, workspaceId: event.workspaceId)
                }
            }
            async let first = runner.runDue()
            async let second = other.runDue()
            let ran = try await first + second

            let after = try await app.store.messages(workspaceId: app.studio.workspace.id)
            #expect(events.count == 7)
            #expect(ran == 2 * events.count)
            #expect(before.count == 19)
            #expect(Set(after.map(\.id)) == Set(before.map(\.id)))
            #expect(try await runner.jobs("booking.event").allSatisfy { $0.state == .done })
        }
    }
}
