import Foundation
import HTTPTypes
import SlotlineCore
import SlotlineDesk
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Testing

/// Conference cards: only their creator, convener and contact launch a video meeting from one; it
/// takes a line, links back to the card, and invites the attendees.
@Suite struct ConferenceTests {
    @Test(arguments: TestDatabase.flavors)
    func theConvenerLaunchesAVideoMeetingThatLinksBackAndInvitesTheAttendees(flavor: SQLFlavor) async throws {
        let time = testClock()
        try await TestApp.run(flavor, time: time) { app in
            let jobs = try JobRunner(store: app.store)
            _ = try await app.owner.post("/api/v1/lines", ["provider": "sandbox", "label": "Room A"])
            let convenerKey = try await TestApp.apiKey(in: app.store, workspace: app.studio.workspace, role: .staff)
            let convener = app.visitor.bearer(convenerKey)
            let attendee = try await app.staff(role: .staff)
            let members = try await app.store.staff.list(workspaceId: app.studio.workspace.id)
            let convenerId = try #require(try await convener.get("/api/v1/auth/me").json["id"].string)
            let attendeeId = try #require(try await attendee.get("/api/v1/auth/me").json["id"].string)
            #expect(members.count == 3)

            let start = time.now().addingTimeInterval(86_400)
            let card = try await app.owner.post("/api/v1/conferences", [
                "topic": "Budget 2031", "startsAt": .string(rfc3339(start)), "durationMinutes": 90, "place": "Room 3F",
                "convenerStaffId": .string(convenerId), "attendees": [["staffId": .string(attendeeId)], ["email": "cfo@example.org"]]])
            #expect(card.status == .created, "\(card.text)")
            let id = try #require(card.json["id"].string)
            #expect(card.json["convener"]["staffId"].string == convenerId)
            #expect(card.json["canLaunch"].bool == true)  // the owner created it

            // An attendee may not launch it; the convener may.
            let refused = try await attendee.post("/api/v1/conferences/\(id)/video-meeting")
            #expect(refused.status == .forbidden)
            #expect(try await attendee.get("/api/v1/conferences/\(id)").json["canLaunch"].bool == false)
            let launched = try await convener.post("/api/v1/conferences/\(id)/video-meeting")
            #expect(launched.status == .created, "\(launched.text)")
            #expect(launched.json["title"].string == "Budget 2031")
            #expect(launched.json["startsAt"].string == rfc3339(start) && launched.json["durationMinutes"].int == 90)
            #expect(launched.json["host"]["staffId"].string == convenerId)
            #expect(launched.json["source"]["kind"].string == "conference")
            #expect(launched.json["source"]["url"].string == "https://slotline.example.com/admin/studio/conferences/\(id)")
            let invited = Set(launched.json["participants"].items.compactMap { $0["staffId"].string ?? $0["email"].string })
            let ownerId = try #require(try await app.owner.get("/api/v1/auth/me").json["id"].string)
            // The contact (the owner, by default) and the attendees; not the convener, who hosts.
            #expect(invited == [attendeeId, "cfo@example.org", ownerId])
            #expect(try await app.owner.get("/api/v1/conferences/\(id)").json["videoMeetingIds"] == [launched.json["id"]])
            // The attendee sees it among their meetings and gets an invitation.
            #expect(try await attendee.get("/api/v1/video-meetings").json["items"][0]["id"] == launched.json["id"])
            try await jobs.runDue()
            let messages = try await app.store.messages(workspaceId: app.studio.workspace.id).of("video-invitation")
            #expect(Set(messages.map(\.recipientEmail)).isSuperset(of: ["cfo@example.org"]))
            #expect(messages.count == invited.count)
        }
    }
}
