import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

/// SPEC §2 and §4: who saw private meeting details, and who connected or disconnected an account,
/// is written down per workspace; the host link stays on the staff side.
@Suite("Audit log")
struct AuditTests {
    @Test("each view of a confirmed booking's details by the owner, an admin or its practitioner is recorded with actor and booking",
          arguments: TestDatabase.flavors)
    func detailViewsRecorded(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let id = try await app.bookedId(app.studio.instant, at: app.opening())
            let owner = try await Self.member(app.owner)
            let admin = try await Self.member(try await app.staff(role: .admin))
            let own = try await Self.member(try await app.staff(role: .staff, practitionerId: app.studio.practitioner.id))

            let views = try await [owner, admin, own, owner].asyncMap { try await $0.client.get("/api/v1/bookings/\(id)") }
            let audit = try await app.owner.get("/api/v1/audit")

            #expect(views.allSatisfy { $0.json["meeting"]["text"] == .string(Studio.practitionerSecret) })
            #expect(audit.status == .ok)
            let entries = audit.json["items"].items
            #expect(entries.count == 4)
            #expect(entries.allSatisfy { $0["action"] == "meeting.details.viewed" && $0["subjectType"] == "booking" })
            #expect(entries.allSatisfy { $0["subjectId"] == .string(id) && $0["createdAt"].date != nil })
            #expect(entries.compactMap { $0["actorId"].string }.sorted() == [owner.id, owner.id, admin.id, own.id].sorted())
            // The log names who looked, never what they saw.
            #expect(!audit.text.contains(Studio.practitionerSecret))
            let forBooking = try await app.owner.get("/api/v1/audit?subjectId=\(id)")
            #expect(forBooking.json["items"].items.count == 4)
        }
    }

    @Test("staff who may not see the details get none and leave no entry; lists and unconfirmed bookings record nothing",
          arguments: TestDatabase.flavors)
    func nothingSeenNothingRecorded(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let confirmed = try await app.bookedId(app.studio.instant, at: app.opening(hour: 9))
            let pending = try await app.bookedId(app.studio.manual, at: app.opening(hour: 11), customer: "Alan")
            let colleague = try await app.staff(role: .staff)

            let colleagueView = try await colleague.get("/api/v1/bookings/\(confirmed)")
            let lists = try await [app.owner, colleague].asyncMap { try await $0.get("/api/v1/bookings?tab=upcoming") }
            let pendingView = try await app.owner.get("/api/v1/bookings/\(pending)")
            let colleagueAudit = try await colleague.get("/api/v1/audit")
            let audit = try await app.owner.get("/api/v1/audit")

            #expect(colleagueView.status == .ok)
            #expect(colleagueView.json["meeting"].isNull)
            #expect(lists.allSatisfy { $0.status == .ok && $0.json["items"].items.count == 1 })
            #expect(lists[0].json["items"].items.allSatisfy { $0["meeting"].isNull })
            #expect(pendingView.json["meeting"].isNull)
            #expect(colleagueAudit.status == .forbidden)
            #expect(audit.status == .ok)
            #expect(audit.json["items"].items.isEmpty, "\(audit.text)")
        }
    }

    @Test("connecting and disconnecting Zoom are recorded with who did it; another workspace sees none of it",
          arguments: TestDatabase.flavors)
    func connectionsRecorded(_ flavor: SQLFlavor) async throws {
        try await ZoomApp.run(flavor) { zoom in
            let app = zoom.app
            let practitionerId = app.studio.practitioner.id
            let own = try await Self.member(try await app.staff(role: .staff, practitionerId: practitionerId))
            let owner = try await Self.member(app.owner)
            let other = try await Studio.create(in: app.store, slug: "other")
            let otherOwner = try await app.staff(role: .owner, in: other.workspace)
            let id = try await app.bookedId(app.studio.instant, at: app.opening())

            let connection = try await zoom.connectZoom(practitionerId: practitionerId, as: own.client)
            let connectionId = try #require(connection["id"].string)
            _ = try await app.owner.get("/api/v1/bookings/\(id)")
            let deleted = try await app.owner.send(.delete, "/api/v1/practitioners/\(practitionerId)/connections/zoom")
            let audit = try await app.owner.get("/api/v1/audit")
            let otherAudit = try await otherOwner.get("/api/v1/audit")
            let otherAuditOfBooking = try await otherOwner.get("/api/v1/audit?subjectId=\(id)")
            let otherBooking = try await otherOwner.get("/api/v1/bookings/\(id)")

            #expect(deleted.status == .noContent)
            let entries = audit.json["items"].items
            let created = try #require(entries.first { $0["action"] == "connection.created" })
            let removed = try #require(entries.first { $0["action"] == "connection.deleted" })
            #expect(created["actorId"] == .string(own.id))
            #expect(created["subjectType"] == "connection")
            #expect(created["subjectId"] == .string(connectionId))
            #expect(created["detail"].string?.contains(ZoomApp.users[0].email) == true)
            #expect(removed["actorId"] == .string(owner.id))
            #expect(removed["subjectId"] == .string(connectionId))
            #expect(entries.compactMap { $0["action"].string }.sorted()
                    == ["connection.created", "connection.deleted", "meeting.details.viewed"])
            #expect(otherAudit.status == .ok)
            #expect(otherAudit.json["items"].items.isEmpty)
            #expect(otherAuditOfBooking.json["items"].items.isEmpty)
            #expect(otherBooking.status == .notFound)
        }
    }

    @Test("the host link is in the staff view of a Zoom booking, never in a customer answer or message",
          arguments: TestDatabase.flavors)
    func hostLinkStaysWithStaff(_ flavor: SQLFlavor) async throws {
        try await ZoomApp.run(flavor) { zoom in
            let app = zoom.app
            let user = ZoomApp.users[0]
            try await zoom.connectDefaultZoom(user: user)
            let service = try await zoom.providerService()
            let customer = app.visitor
            let submitted = try await app.book(service, at: app.opening(hour: 9))
            let booked = submitted.json
            let (id, token) = (try #require(booked["id"].string), try #require(booked["manageToken"].string))
            try await zoom.jobs.runDue()
            // The confirmation waited for the meeting and is retried after a short backoff.
            try await zoom.jobs.advance(by: 10)
            let staffView = try await app.owner.get("/api/v1/bookings/\(id)")
            let first = try #require(await zoom.zoom.meetings(userId: user.id).first)
            try await app.reschedule(id, to: app.opening(hour: 11))
            try await zoom.jobs.runDue()
            let movedStaffView = try await app.owner.get("/api/v1/bookings/\(id)")
            let moved = try #require(await zoom.zoom.meetings(userId: user.id).first)
            let customerAnswers = [
                try await customer.get("/api/v1/manage/\(token)"),
                try await customer.get("\(app.publicPath)/services"),
                try await customer.post("/api/v1/manage/\(token)/cancel-request", ["reason": "Something came up"]),
                try await customer.get("/api/v1/manage/\(token)"),
            ]
            let messages = try await app.store.messages(workspaceId: app.studio.workspace.id)
            let customerMessages = messages.filter { $0.recipientEmail == "grace@example.com" }

            let hostURL = try #require(staffView.json["meeting"]["hostURL"].string)
            #expect(hostURL == first.startURL)
            #expect(staffView.json["meeting"]["joinURL"] == .string(first.joinURL))
            #expect(movedStaffView.json["meeting"]["hostURL"].string != nil)
            let hostLinks = Set([hostURL, first.startURL, moved.startURL, movedStaffView.json["meeting"]["hostURL"].string ?? hostURL])
            let hostPath = "/s/\(first.id)"
            #expect(customerMessages.kinds.contains("confirmed"), "\(messages.kinds)")
            #expect(customerMessages.kinds.contains("rescheduled"), "\(messages.kinds)")
            #expect(customerMessages.contains { $0.everything.contains(first.joinURL) }, "the customer does get the join link")
            for text in [submitted.text] + customerAnswers.map(\.text) + customerMessages.map(\.everything) {
                for link in hostLinks { #expect(!text.contains(link), "\(text)") }
                #expect(!text.contains(hostPath))
                #expect(!text.contains("hostURL"))
            }
        }
    }

    // MARK: - Setup

    /// A caller with its staff user id, read from `GET /api/v1/auth/me`.
    static func member(_ client: APIClient) async throws -> (client: APIClient, id: String) {
        let me = try await client.get("/api/v1/auth/me")
        guard let id = me.json["id"].string else { throw TestFailure("auth/me answered \(me.status.code): \(me.text)") }
        return (client, id)
    }
}
