import Foundation
import ProviderSimulators
import SlotlineCore
import SlotlineDesk
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Testing

/// A Zoom account authorized for the workspace (not for a practitioner) becomes a line; its video
/// meetings are made with that connection, and authorizing it again gives the same line fresh tokens.
@Suite struct ZoomLineConnectionTests {
    @Test func anAccountAuthorizedForTheWorkspaceBecomesALineAndReconnectingKeepsIt() async throws {
        try await ZoomApp.run(.sqlite, time: testClock()) { zoom in
            let staffOnly = try await zoom.app.staff(role: .staff)
            #expect(try await staffOnly.post("/api/v1/lines/connect/zoom").status == .forbidden)
            let started = try await zoom.app.owner.post("/api/v1/lines/connect/zoom")
            let url = try #require(started.json["authorizeURL"].string, "\(started.text)")
            let answer = try await zoom.returnFromZoom(try await zoom.consent(url, user: ZoomApp.users[1]), as: zoom.app.owner)
            #expect(answer.status == .ok, "\(answer.text)")
            let lines = try await zoom.app.owner.get("/api/v1/lines").json["items"].items
            #expect(lines.count == 1)
            let line = try #require(lines.first)
            #expect(line["provider"].string == "zoom" && line["connectionId"].string == answer.json["id"].string)
            #expect(line["label"].string?.contains(ZoomApp.users[1].email) == true)
            // The account serves the pool now: no practitioner can take it.
            let practitioner = zoom.app.studio.practitioner.id
            let taken = try await zoom.returnFromZoom(try await zoom.consent(try await zoom.authorizeURL(practitionerId: practitioner, as: zoom.app.owner),
                                                                             user: ZoomApp.users[1]), as: zoom.app.owner)
            #expect(taken.errorCode == "account_in_use")

            let made = try await zoom.app.owner.post("/api/v1/video-meetings", ["kind": "quick", "title": "Pool call", "durationMinutes": 30])
            #expect(made.status == .created, "\(made.text)")
            try await zoom.jobs.runDue()
            #expect(await zoom.zoom.meetingCount(userId: ZoomApp.users[1].id) == 1)

            // Authorized again: the same line, with the new connection; its next meeting uses it.
            let again = try await zoom.returnFromZoom(try await zoom.consent(
                try #require(try await zoom.app.owner.post("/api/v1/lines/connect/zoom").json["authorizeURL"].string), user: ZoomApp.users[1]),
                as: zoom.app.owner)
            let after = try await zoom.app.owner.get("/api/v1/lines").json["items"].items
            #expect(after.count == 1 && after.first?["id"] == line["id"] && after.first?["connectionId"].string == again.json["id"].string)
            let start = zoom.app.store.time.now().addingTimeInterval(7200)
            _ = try await zoom.app.owner.post("/api/v1/video-meetings", ["title": "Later", "startsAt": .string(rfc3339(start)), "durationMinutes": 30])
            try await zoom.jobs.runDue()
            #expect(await zoom.zoom.meetingCount(userId: ZoomApp.users[1].id) == 2)
        }
    }
}
