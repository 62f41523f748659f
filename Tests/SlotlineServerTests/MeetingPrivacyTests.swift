import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

/// SPEC §2: private meeting details reach staff who may see them once confirmed, and never a customer page.
@Suite("Meeting privacy")
struct MeetingPrivacyTests {
    @Test("staff see the practitioner's meeting text once the booking is confirmed, not while pending",
          arguments: TestDatabase.flavors)
    func practitionerTextAfterAcceptance(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let id = try await app.bookedId(app.studio.manual, at: app.opening())
            let pending = try await app.owner.get("/api/v1/bookings/\(id)")

            #expect(try await app.owner.post("/api/v1/bookings/\(id)/accept").status == .ok)
            let confirmed = try await app.owner.get("/api/v1/bookings/\(id)")

            #expect(pending.json["state"] == "pending")
            #expect(pending.json["meeting"].isNull)
            #expect(!pending.text.contains(Studio.practitionerSecret))
            #expect(pending.json["onlineInstructions"] == .string(Studio.publicInstructions))
            #expect(confirmed.json["meeting"]["source"] == "practitioner")
            #expect(confirmed.json["meeting"]["text"] == .string(Studio.practitionerSecret))
        }
    }

    @Test("a group booking shows the service's meeting text", arguments: TestDatabase.flavors)
    func serviceTextForGroup(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let id = try await app.bookedId(app.studio.group, at: app.opening())

            let detail = try await app.owner.get("/api/v1/bookings/\(id)")

            #expect(detail.json["meeting"]["source"] == "service")
            #expect(detail.json["meeting"]["text"] == .string(Studio.serviceSecret))
        }
    }

    @Test("an unpaid booking shows no meeting text")
    func unpaid() async throws {
        try await TestApp.run(.sqlite) { app in
            let id = try await app.bookedId(app.studio.paid, at: app.opening())

            let detail = try await app.owner.get("/api/v1/bookings/\(id)")

            #expect(detail.json["state"] == "awaitingPayment")
            #expect(detail.json["meeting"].isNull)
        }
    }

    @Test("staff not linked to the practitioner do not see the text; the practitioner does",
          arguments: TestDatabase.flavors)
    func onlyOwnPractitioner(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let id = try await app.bookedId(app.studio.instant, at: app.opening())
            let colleague = try await app.staff(role: .staff)
            let practitioner = try await app.staff(role: .staff, practitionerId: app.studio.practitioner.id)

            let colleagueView = try await colleague.get("/api/v1/bookings/\(id)")
            let colleagueList = try await colleague.get("/api/v1/bookings?tab=upcoming")
            let practitionerView = try await practitioner.get("/api/v1/bookings/\(id)")

            #expect(colleagueView.status == .ok)
            #expect(colleagueView.json["state"] == "confirmed")
            #expect(colleagueView.json["meeting"].isNull)
            #expect(colleagueList.json["items"].items.count == 1)
            #expect(!colleagueList.text.contains(Studio.practitionerSecret))
            #expect(practitionerView.json["meeting"]["text"] == .string(Studio.practitionerSecret))
        }
    }

    @Test("staff-role users see no meeting text in the catalog; the practitioner sees their own", arguments: TestDatabase.flavors)
    func catalogTexts(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let colleague = try await app.staff(role: .staff)
            let practitioner = try await app.staff(role: .staff, practitionerId: app.studio.practitioner.id)
            let ownPage = "/api/v1/practitioners/\(app.studio.practitioner.id)"

            let colleagueAnswers = try await ["/api/v1/practitioners", ownPage, "/api/v1/services", "/api/v1/services/\(app.studio.group.id)"]
                .asyncMap { try await colleague.get($0) }
            let practitionerPage = try await practitioner.get(ownPage)
            let practitionerServices = try await practitioner.get("/api/v1/services")
            let ownerServices = try await app.owner.get("/api/v1/services")

            #expect(colleagueAnswers.allSatisfy { $0.status == .ok })
            for answer in colleagueAnswers {
                #expect(!answer.text.contains(Studio.practitionerSecret) && !answer.text.contains(Studio.serviceSecret), "\(answer.text)")
            }
            #expect(practitionerPage.json["meetingText"] == .string(Studio.practitionerSecret))
            #expect(!practitionerServices.text.contains(Studio.serviceSecret))
            #expect(ownerServices.text.contains(Studio.serviceSecret))
        }
    }

    @Test("no public or manage answer of a whole flow contains a private meeting text", arguments: TestDatabase.flavors)
    func publicAnswersStayPublic(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            var answers: [APIResponse] = []
            func record(_ response: APIResponse) -> APIResponse {
                answers.append(response)
                return response
            }
            let studio = app.studio

            _ = record(try await app.visitor.get("\(app.publicPath)/services"))
            for service in [studio.instant, studio.manual, studio.paid, studio.group] {
                _ = record(try await app.visitor.get("\(app.publicPath)/services/\(service.id)/slots"))
            }
            var tokens: [String] = []
            for (hour, service) in [(9, studio.instant), (10, studio.manual), (11, studio.paid), (12, studio.group), (13, studio.group)] {
                let submitted = record(try await app.book(service, at: app.opening(hour: hour), customer: "Guest\(hour)"))
                tokens.append(try #require(submitted.json["manageToken"].string, "\(submitted.text)"))
            }
            for token in tokens {
                _ = record(try await app.visitor.get("/api/v1/manage/\(token)"))
            }
            // Staff confirm what was waiting; the customer pages must still show public instructions only.
            let ids = try await app.bookingIds(tab: "pending").union(try await app.bookingIds(tab: "awaiting_payment"))
            for id in ids {
                let accepted = try await app.owner.post("/api/v1/bookings/\(id)/accept")
                if accepted.status != .ok { _ = try await app.owner.post("/api/v1/bookings/\(id)/mark-paid") }
            }
            _ = record(try await app.visitor.post("/api/v1/manage/\(tokens[0])/reschedule-request",
                                                  ["startsAt": .string(rfc3339(app.opening(hour: 15)))]))
            _ = record(try await app.visitor.post("/api/v1/manage/\(tokens[1])/cancel-request", ["reason": "Sorry"]))
            _ = record(try await app.visitor.post("/api/v1/manage/\(tokens[3])/cancel-request", [:]))
            for token in tokens {
                _ = record(try await app.visitor.get("/api/v1/manage/\(token)"))
            }
            _ = record(try await app.visitor.get("\(app.publicPath)/services"))

            #expect(answers.count == 24)
            #expect(answers.allSatisfy { $0.status.code < 300 }, "\(answers.filter { $0.status.code >= 300 }.map(\.text))")
            #expect(answers.filter { $0.json["state"] == "confirmed" }.count >= 5)
            for answer in answers {
                #expect(!answer.text.contains(Studio.practitionerSecret), "\(answer.text)")
                #expect(!answer.text.contains(Studio.serviceSecret), "\(answer.text)")
            }
            // The same bookings do carry the secrets on the staff side, so the scan above looks at real data.
            // (Lists leave private details out; each booking's own view shows them.)
            var staffText = ""
            for item in try await app.owner.get("/api/v1/bookings?tab=upcoming").json["items"].items {
                staffText += try await app.owner.get("/api/v1/bookings/\(item["id"].string ?? "")").text
            }
            #expect(staffText.contains(Studio.practitionerSecret))
            #expect(staffText.contains(Studio.serviceSecret))
        }
    }
}
