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
            let owner = try await PageSecurityTests.signedIn(app)
            let servicePage = try await owner.get("/admin/studio/services/\(service.id)")
            let toolsPage = try await owner.get("/admin/studio/availability?practitioner=\(practitioner)")
            let bookingPage = try await owner.get("/admin/studio/bookings/\(id)")

            #expect(confirmation.textBody.contains("The link to your video meeting follows in a separate email"))
            #expect(servicePage.text.contains("has no connected default meeting tool"))
            #expect(toolsPage.text.contains("No connected default tool"))
            #expect(bookingPage.text.contains("to connect a default meeting tool"))

            #expect(try await app.owner.post("/api/v1/practitioners/\(practitioner)/connections/sandbox").status == .created)
            #expect(try await app.owner.put("/api/v1/practitioners/\(practitioner)/default-meeting-provider", ["provider": "sandbox"]).status == .ok)
            try await ProviderSteps.settle(jobs)

            let ready = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id).one("meeting-ready")
            #expect(ready.textBody.contains("/sandbox/j/"))
            #expect(!(try await owner.get("/admin/studio/services/\(service.id)")).text.contains("has no connected default meeting tool"))
        }
    }
}
