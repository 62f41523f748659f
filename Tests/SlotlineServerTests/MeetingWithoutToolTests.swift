import Foundation
import HTTPTypes
import SlotlineCore
import SlotlineDesk
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Testing

/// A service whose meeting is made on the practitioner's own tool, booked before the practitioner
/// has one: nothing is promised that cannot come, the pages say what is missing, and the link goes
/// out once a tool is connected.
@Suite struct MeetingWithoutToolTests {
    @Test("the confirmation says the link follows, the pages flag the missing tool, and connecting one sends the link",
          arguments: TestDatabase.flavors)
    func theLinkFollowsOnceAToolIsConnected(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let jobs = try JobRunner(store: app.store)
            let practitioner = app.studio.practitioner.id
            let service = try Service(id: Secrets.newID(), workspaceId: app.studio.workspace.id, name: "Own meeting", durationMinutes: 60,
                                      meetingLinkSource: .provider, onlineInstructions: Studio.publicInstructions,
                                      practitionerIds: [practitioner]).validated()
            try await app.store.services.save(service, now: app.store.time.now())
            let id = try await app.bookedId(service, at: app.opening())
            try await ProviderSteps.settle(jobs)
            let confirmation = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id).one("confirmed")
            let told = try await app.staffEmails { $0.role.canConfigure || $0.practitionerId == practitioner }
            let alerts = try await app.store.messages(workspaceId: app.studio.workspace.id).of("staff-tool-missing")
            let owner = try await PageSecurityTests.signedIn(app)
            let servicePage = try await owner.get("/admin/studio/services/\(service.id)")
            let toolsPage = try await owner.get("/admin/studio/availability?practitioner=\(practitioner)")
            let bookingPage = try await owner.get("/admin/studio/bookings/\(id)")
            let failed = try await app.owner.get("/api/v1/jobs?state=failed").json["items"].items
            let failedJobsPage = try await owner.get("/admin/studio/jobs")
            // A second booking while the job waits: no second job, no second notice the same day.
            let second = try await app.bookedId(service, at: app.opening(hour: 11))
            try await ProviderSteps.settle(jobs)

            #expect(confirmation.textBody.contains("The link to your video meeting follows in a separate email"))
            #expect(servicePage.text.contains("has no connected default meeting tool"))
            #expect(toolsPage.text.contains("No connected default tool"))
            #expect(bookingPage.text.contains("to connect a default meeting tool"))
            #expect(Set(alerts.map(\.recipientEmail)) == told && alerts.count == told.count, "each of \(told) is told once")
            #expect(alerts.allSatisfy { $0.textBody.contains("/admin/studio/availability?practitioner=\(practitioner)") })
            #expect(alerts.first?.subject.contains("has no online meeting tool") == true)
            #expect(failed.map { $0["kind"].string } == ["meeting.tool-wanted"])
            #expect(failed.first?["lastError"].string?.contains("no connected default meeting tool; 1 confirmed online booking") == true)
            #expect(failedJobsPage.text.contains("meeting.tool-wanted"))
            #expect(try await app.owner.get("/api/v1/jobs?state=failed").json["items"].items.count == 1)
            #expect(try await app.store.messages(workspaceId: app.studio.workspace.id).of("staff-tool-missing").count == told.count)

            #expect(try await app.owner.post("/api/v1/practitioners/\(practitioner)/connections/sandbox").status == .created)
            #expect(try await app.owner.put("/api/v1/practitioners/\(practitioner)/default-meeting-provider", ["provider": "sandbox"]).status == .ok)
            try await ProviderSteps.settle(jobs)

            let ready = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id).one("meeting-ready")
            #expect(ready.textBody.contains("/sandbox/j/"))
            #expect(try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: second).one("meeting-ready")
                .textBody.contains("/sandbox/j/"))
            #expect(try await app.owner.get("/api/v1/jobs?state=failed").json["items"].items.isEmpty, "connecting settles the waiting job")
            #expect(!(try await owner.get("/admin/studio/services/\(service.id)")).text.contains("has no connected default meeting tool"))
        }
    }
}
