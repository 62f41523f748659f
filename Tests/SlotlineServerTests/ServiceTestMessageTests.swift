import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import Testing

/// SPEC §6: staff send themselves a service's confirmation, with its real link, to check the link
/// before customers see it.
@Suite("Service test message")
struct ServiceTestMessageTests {
    @Test("the test message is the service's confirmation with the real link, sent to the given address",
          arguments: TestDatabase.flavors)
    func sendsTheConfirmation(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let response = try await app.owner.post("/api/v1/services/\(app.studio.instant.id)/test-message",
                                                    ["to": "checker@example.com", "name": "Link Checker"])
            let group = try await app.owner.post("/api/v1/services/\(app.studio.group.id)/test-message",
                                                 ["to": " desk@example.com ", "language": "zh-Hant"])
            let listed = try await app.owner.get("/api/v1/outbox")

            #expect(response.status == .created, "\(response.text)")
            #expect(response.json["kind"] == "test")
            #expect(response.json["to"] == "checker@example.com")
            #expect(response.json["toName"] == "Link Checker")
            #expect(response.json["bookingId"].isNull)
            let id = try #require(response.json["id"].string)
            let message = try #require(try await app.store.outbox.find(id: id, workspaceId: app.studio.workspace.id))
            #expect(message.kind == "test")
            #expect(message.subject.hasPrefix("[TEST] Booking confirmed: Instant"))
            #expect(message.textBody.contains(Studio.practitionerSecret))
            #expect(message.htmlBody.contains(Studio.practitionerSecret))
            #expect(message.textBody.contains(Studio.publicInstructions))
            #expect(message.invite?.method == "REQUEST")
            #expect(message.invite?.location == Studio.practitionerSecret)
            #expect(message.state == .stored)
            #expect(group.status == .created, "\(group.text)")
            #expect(group.json["to"] == "desk@example.com")
            let groupMessage = try #require(try await app.store.outbox.find(id: group.json["id"].string ?? "", workspaceId: app.studio.workspace.id))
            #expect(groupMessage.subject.hasPrefix("[TEST] 預約已確認：Group"))
            #expect(groupMessage.textBody.contains(Studio.serviceSecret))
            #expect(!groupMessage.textBody.contains(Studio.practitionerSecret))
            #expect(listed.json["items"].items.compactMap { $0["kind"].string } == ["test", "test"])
            #expect(try await app.bookingIds(tab: "upcoming").isEmpty, "a test message books nothing")
        }
    }

    @Test("owners and admins may send one; staff may not", arguments: TestDatabase.flavors)
    func onlyConfigurers(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let path = "/api/v1/services/\(app.studio.instant.id)/test-message"
            let admin = try await app.staff(role: .admin)
            let colleague = try await app.staff(role: .staff)
            let practitioner = try await app.staff(role: .staff, practitionerId: app.studio.practitioner.id)

            let byAdmin = try await admin.post(path, ["to": "admin-check@example.com"])
            let byColleague = try await colleague.post(path, ["to": "colleague@example.com"])
            let byPractitioner = try await practitioner.post(path, ["to": "ada@example.com"])
            let anonymous = try await app.visitor.post(path, ["to": "someone@example.com"])

            #expect(byAdmin.status == .created)
            #expect(byColleague.status == .forbidden)
            #expect(byPractitioner.status == .forbidden)
            #expect(anonymous.status == .unauthorized)
            let sent = try await app.store.messages(workspaceId: app.studio.workspace.id)
            #expect(sent.map(\.recipientEmail) == ["admin-check@example.com"])
        }
    }

    @Test("a bad or missing address is a 400 naming 'to'; a practitioner not of the service is a 400 too",
          arguments: TestDatabase.flavors)
    func badInput(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let path = "/api/v1/services/\(app.studio.instant.id)/test-message"

            let notAnAddress = try await app.owner.post(path, ["to": "not-an-address"])
            let twoAddresses = try await app.owner.post(path, ["to": "a@example.com, b@example.com"])
            let missing = try await app.owner.post(path, [:])
            let strangePractitioner = try await app.owner.post(path, ["to": "checker@example.com", "practitionerId": "nobody"])

            #expect(notAnAddress.status == .badRequest)
            #expect(notAnAddress.errorField == "to")
            #expect(twoAddresses.status == .badRequest)
            #expect(twoAddresses.errorField == "to")
            #expect(missing.status == .badRequest)
            #expect(missing.errorField == "to")
            #expect(strangePractitioner.status == .badRequest)
            #expect(strangePractitioner.errorField == "practitionerId")
            #expect(try await app.store.messages(workspaceId: app.studio.workspace.id).isEmpty)
        }
    }

    @Test("another workspace's service is not found, and its link is never sent", arguments: TestDatabase.flavors)
    func otherWorkspace(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let other = try await Studio.create(in: app.store, slug: "other-studio")
            let outsider = app.visitor.bearer(try await TestApp.apiKey(in: app.store, workspace: other.workspace, role: .owner))

            let theirs = try await app.owner.post("/api/v1/services/\(other.instant.id)/test-message", ["to": "checker@example.com"])
            let ours = try await outsider.post("/api/v1/services/\(app.studio.instant.id)/test-message", ["to": "spy@example.com"])

            #expect(theirs.status == .notFound)
            #expect(ours.status == .notFound)
            #expect(!ours.text.contains(Studio.practitionerSecret))
            #expect(try await app.store.messages(workspaceId: app.studio.workspace.id).isEmpty)
            #expect(try await app.store.messages(workspaceId: other.workspace.id).isEmpty)
        }
    }

    @Test("a service whose meetings are made per booking shows a sample meeting that opens with its passcode")
    func providerServiceShowsASampleMeeting() async throws {
        try await TestApp.run(.sqlite) { app in
            var service = Service(id: Secrets.newID(), workspaceId: app.studio.workspace.id, name: "Video call", durationMinutes: 30,
                                  online: true, meetingLinkSource: .provider, practitionerIds: [app.studio.practitioner.id])
            service.onlineInstructions = Studio.publicInstructions
            try await app.store.services.save(try service.validated(), now: app.store.time.now())

            let response = try await app.owner.post("/api/v1/services/\(service.id)/test-message", ["to": "checker@example.com"])
            let message = try #require(try await app.store.outbox.find(id: response.json["id"].string ?? "", workspaceId: app.studio.workspace.id))
            let joinURL = try #require(message.textBody.split(separator: "\n").lazy.compactMap { line in
                line.split(separator: " ").first { $0.contains("/sandbox/j/") }.map(String.init)
            }.first, "\(message.textBody)")
            let number = String(joinURL.split(separator: "/").last ?? "")
            let passcode = ServerSettings.test.sandboxProvider.passcode(for: number)
            let opened = try await app.visitor.get(String(joinURL.dropFirst("https://slotline.example.com".count)) + "?pwd=\(passcode)")

            #expect(response.status == .created, "\(response.text)")
            #expect(message.textBody.contains(passcode))
            #expect(message.invite?.location == joinURL)
            #expect(opened.status == .ok && opened.text.contains("You joined sandbox meeting \(number)"))
        }
    }
}
