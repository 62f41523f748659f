import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

/// SPEC §2 in messages: the private meeting text reaches the customer in the confirmation, the
/// reminders and the reschedule message, and in no other message, customer's or staff's.
@Suite("Meeting privacy in messages")
struct MessagePrivacyTests {
    /// Pieces of the private texts that must not survive in any form (link, meeting number, passcode, room).
    static let privatePieces = [Studio.practitionerSecret, "9990001111", "PRIVATE-PRACTITIONER",
                                Studio.serviceSecret, "PRIVATE-SERVICE-ROOM"]
    static let carriers: Set<String> = ["confirmed", "reminder", "rescheduled"]

    @Test("every message of a whole run of lifecycles carries the private text exactly where it may",
          arguments: TestDatabase.flavors)
    func wholeLifecycle(_ flavor: SQLFlavor) async throws {
        let time = TimeSource()
        try await TestApp.run(flavor, time: time) { app in
            let studio = app.studio
            let runner = try JobRunner(store: app.store)
            _ = try await app.staff(role: .staff, practitionerId: studio.practitioner.id)
            var inPerson = Service(id: Secrets.newID(), workspaceId: studio.workspace.id, name: "In person", durationMinutes: 60,
                                   online: false, meetingLinkSource: .none, practitionerIds: [studio.practitioner.id])
            inPerson = try inPerson.validated()
            try await app.store.services.save(inPerson, now: time.now())
            // Start times fixed now, before the test moves the clock.
            let day2 = (9...16).map { app.opening(daysAhead: 2, hour: $0) }
            let day3 = (9...16).map { app.opening(daysAhead: 3, hour: $0) }

            // Which private text each booking's service uses, and which bookings are in person.
            var secretOf: [String: String] = [:]
            var offline: Set<String> = []
            func book(_ service: Service, _ start: Date, _ customer: String) async throws -> String {
                let id = try await app.bookedId(service, at: start, customer: customer)
                if !service.online {
                    offline.insert(id)
                } else {
                    secretOf[id] = service.id == studio.group.id ? Studio.serviceSecret : Studio.practitionerSecret
                }
                try await runner.runDue()
                return id
            }
            func staff(_ action: String, _ id: String, to start: Date? = nil) async throws {
                if let start { try await app.reschedule(id, to: start) } else { try await app.staffAction(action, id) }
                try await runner.runDue()
            }
            let moved = try await book(studio.instant, day2[0], "Ada")
            let accepted = try await book(studio.manual, day2[1], "Barbara")
            let declined = try await book(studio.manual, day2[3], "Claude")
            let paid = try await book(studio.paid, day2[4], "Dennis")
            _ = try await book(studio.paid, day2[5], "Edsger")  // left to expire
            _ = try await book(studio.group, day2[6], "Frances")
            let leftGroup = try await book(studio.group, day2[6], "Grace")
            let withdrawn = try await book(studio.manual, day2[7], "Hedy")
            _ = try await book(inPerson, day3[0], "Ivan")
            let unpaidMoved = try await book(studio.paid, day3[1], "Jean")
            try await staff("reschedule", moved, to: day2[2])
            try await staff("accept", accepted)
            try await staff("decline", declined)
            try await staff("mark-paid", paid)
            try await staff("cancel", leftGroup)
            try await staff("cancel", withdrawn)
            try await staff("reschedule", unpaidMoved, to: day3[2])
            try await staff("decline", unpaidMoved)
            // Half an hour before the moved booking starts: reminders fire, the unpaid hold has lapsed.
            try await runner.advance(by: day2[2].timeIntervalSince(time.now()) - 1800)
            try await staff("cancel", moved)

            let messages = try await app.store.messages(workspaceId: studio.workspace.id)
            let customerKinds: Set<String> = ["received", "awaiting-payment", "confirmed", "reminder", "rescheduled",
                                              "cancelled", "declined", "expired"]
            #expect(Set(messages.map(\.kind)) == customerKinds.union(["staff-new", "staff-changed", "staff-cancelled"]))
            #expect(messages.of("reminder").count >= 5)
            for message in messages {
                let bookingId = try #require(message.bookingId)
                let label = "\(message.kind) to \(message.recipientEmail) for \(bookingId)"
                let leaked = Self.privatePieces.filter { message.everything.contains($0) }
                // A booking moved while still unconfirmed hears of its new time without details (and without an invitation).
                let unconfirmedMove = message.kind == "rescheduled" && message.calendar == nil
                if let secret = secretOf[bookingId], Self.carriers.contains(message.kind), !unconfirmedMove {
                    #expect(message.textBody.contains(secret), "\(label)")
                    #expect(message.htmlBody.contains(secret), "\(label)")
                    let other = secret == Studio.serviceSecret ? Studio.practitionerSecret : Studio.serviceSecret
                    #expect(!message.everything.contains(other), "\(label)")
                } else {
                    #expect(leaked.isEmpty, "\(label) shows \(leaked)")
                }
                if offline.contains(bookingId) {
                    #expect(!message.everything.contains(Studio.publicInstructions), "\(label)")
                } else {
                    #expect(message.textBody.contains(Studio.publicInstructions), "\(label)")
                }
            }
            // The checks above looked at real messages: each kind that may carry the text did.
            let carried = messages.filter { Self.carriers.contains($0.kind) && secretOf[$0.bookingId ?? ""] != nil }
            #expect(Set(carried.map(\.kind)) == Self.carriers)
            #expect(carried.contains { $0.textBody.contains(Studio.serviceSecret) })
            #expect(messages.filter { $0.kind.hasPrefix("staff-") }.count >= 20)
        }
    }
}
