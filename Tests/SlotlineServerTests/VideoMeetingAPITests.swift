import Foundation
import HTTPTypes
import SlotlineCore
import SlotlineDesk
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Testing

/// `/api/v1/lines` and `/api/v1/video-meetings` over the real router: a quick meeting takes the
/// pool's line and gets its sandbox meeting from the job, the host link only reaches the host and
/// admins, a full pool answers 409 `no_free_line` with the nearest free starts, and an early end
/// frees the line at once.
@Suite struct VideoMeetingAPITests {
    @Test(arguments: TestDatabase.flavors)
    func aQuickMeetingOnTheOnlyLineThenARefusalThenAnEarlyEnd(flavor: SQLFlavor) async throws {
        let time = testClock()
        try await TestApp.run(flavor, time: time) { app in
            let jobs = try JobRunner(store: app.store)
            let host = try await app.staff(role: .staff)
            let colleague = try await app.staff(role: .staff)
            #expect(try await host.post("/api/v1/lines", ["provider": "sandbox", "label": "Room A"]).status == .forbidden)
            let line = try await app.owner.post("/api/v1/lines", ["provider": "sandbox", "label": "Room A"])
            #expect(line.status == .created)
            #expect(line.json["capacity"].int == 1 && line.json["state"].string == "enabled")

            let quick = try await host.post("/api/v1/video-meetings", ["kind": "quick", "title": "Standup", "durationMinutes": 30])
            #expect(quick.status == .created, "\(quick.text)")
            let id = try #require(quick.json["id"].string)
            #expect(quick.json["state"].string == "inProgress")
            #expect(quick.json["line"]["label"].string == "Room A")
            #expect(quick.json["joinURL"] == .null)  // the job makes the provider meeting
            try await jobs.runDue()

            let seen = try await host.get("/api/v1/video-meetings/\(id)").json
            let number = try #require(seen["meetingNumber"].string)
            #expect(seen["joinURL"].string?.hasPrefix("https://slotline.example.com/sandbox/j/\(number)") == true)
            #expect(seen["passcode"].string?.count == 6)
            #expect(seen["hostURL"].string?.contains("/sandbox/s/\(number)?host=") == true)
            #expect(seen["canManage"].bool == true)
            #expect(try await app.owner.get("/api/v1/video-meetings/\(id)").json["hostURL"] == seen["hostURL"])
            // A colleague who is not invited does not see it, but joins it by its number, without the host link.
            #expect(try await colleague.get("/api/v1/video-meetings/\(id)").status == .notFound)
            let joined = try await colleague.get("/api/v1/video-meetings/join/\(number)")
            #expect(joined.json["joinURL"] == seen["joinURL"])
            #expect(joined.json["hostURL"] == .null && joined.json["canManage"].bool == false)
            #expect(try await colleague.get("/api/v1/video-meetings/join/99999999999").errorField == "meetingNumber")

            // The line is taken: a second quick meeting is refused with the nearest start that works.
            let refused = try await colleague.with(.acceptLanguage, "zh-Hans")
                .post("/api/v1/video-meetings", ["kind": "quick", "title": "Another", "durationMinutes": 30])
            #expect(refused.status == .conflict)
            #expect(refused.errorCode == "no_free_line")
            #expect(refused.errorMessage == "找不到空闲线路，请检查线路维护是否正常，或者重新选择会议时间")
            #expect(refused.json["error"]["nearestStarts"] == [.string(rfc3339(time.now().addingTimeInterval(1800)))])
            let tooLong = try await colleague.with(.acceptLanguage, "zh-Hans").post("/api/v1/video-meetings", [
                "title": "Marathon", "startsAt": .string(rfc3339(time.now().addingTimeInterval(86_400))), "durationMinutes": 1441])
            #expect(tooLong.status == .badRequest && tooLong.errorField == "duration")
            #expect(tooLong.errorMessage == "无效的输入参数： duration")

            // Ended early: distinct from ended, the provider ends it, and the line is free at once.
            time.advance(by: 300)
            #expect(try await colleague.post("/api/v1/video-meetings/\(id)/end").status == .notFound)
            let ended = try await host.post("/api/v1/video-meetings/\(id)/end")
            #expect(ended.json["state"].string == "endedManually")
            try await jobs.runDue()
            #expect(try await jobs.jobs("meeting.end").map(\.state) == [.done])
            let next = try await colleague.post("/api/v1/video-meetings", ["kind": "quick", "title": "Another", "durationMinutes": 30])
            #expect(next.status == .created)
            #expect(try await host.get("/api/v1/video-meetings?view=all&state=endedManually").json["items"][0]["id"].string == id)
        }
    }

    /// Provider reports move a video meeting in the order the provider saw them: started puts it in
    /// progress before its time, ended frees its line from that moment, and a late report of the
    /// start after the end changes nothing.
    @Test func providerReportsStartAndEndItAndAnEarlyEndFreesTheLine() async throws {
        let time = testClock()
        try await TestApp.run(.sqlite, time: time) { app in
            let jobs = try JobRunner(store: app.store)
            let desk = try Desk(store: app.store, settings: .test)
            _ = try await app.owner.post("/api/v1/lines", ["provider": "sandbox", "label": "Room A"])
            let start = time.now().addingTimeInterval(3600)
            let made = try await app.owner.post("/api/v1/video-meetings", ["title": "Board", "startsAt": .string(rfc3339(start)), "durationMinutes": 60])
            let id = try #require(made.json["id"].string)
            try await jobs.runDue()
            let number = try #require(try await app.owner.get("/api/v1/video-meetings/\(id)").json["meetingNumber"].string)

            try await desk.providerEvents.meeting(.started, provider: .sandbox, externalId: number, at: start.addingTimeInterval(-300))
            #expect(try await app.owner.get("/api/v1/video-meetings/\(id)").json["state"].string == "inProgress")
            let endedAt = start.addingTimeInterval(1200)
            try await desk.providerEvents.meeting(.ended, provider: .sandbox, externalId: number, at: endedAt)
            try await desk.providerEvents.meeting(.started, provider: .sandbox, externalId: number, at: start)
            let ended = try await app.owner.get("/api/v1/video-meetings/\(id)").json
            #expect(ended["state"].string == "ended")
            #expect(ended["endedAt"].string == rfc3339(endedAt))
            // The rest of its hour is free for another meeting.
            let next = try await app.owner.post("/api/v1/video-meetings", [
                "title": "Follow-up", "startsAt": .string(rfc3339(endedAt)), "durationMinutes": 30])
            #expect(next.status == .created, "\(next.text)")
        }
    }

    /// Invitees are told by email with a calendar request carrying the participant link, once each;
    /// a new time reaches those still invited as an update of the same event, someone added gets an
    /// invitation, and a cancellation reaches everyone.
    @Test func inviteesGetTheLinkInACalendarInvitationAndHearOfChangesAndTheCancellation() async throws {
        let time = testClock()
        try await TestApp.run(.sqlite, time: time) { app in
            let jobs = try JobRunner(store: app.store)
            let colleague = try #require(try await app.store.staff.list(workspaceId: app.studio.workspace.id).first)
            _ = try await app.owner.post("/api/v1/lines", ["provider": "sandbox", "label": "Room A"])
            let start = time.now().addingTimeInterval(86_400)
            let made = try await app.owner.post("/api/v1/video-meetings", [
                "title": "Quarterly review", "startsAt": .string(rfc3339(start)), "durationMinutes": 60, "agenda": "Numbers",
                "participants": [["staffId": .string(colleague.id)], ["email": "Guest@Example.org"]]])
            let id = try #require(made.json["id"].string, "\(made.text)")
            try await jobs.runDue()
            try await jobs.runDue()  // again: nobody hears twice
            let number = try #require(try await app.owner.get("/api/v1/video-meetings/\(id)").json["meetingNumber"].string)
            let invited = try await app.store.messages(workspaceId: app.studio.workspace.id).of("video-invitation")
            #expect(Set(invited.map(\.recipientEmail)) == [colleague.email, "guest@example.org"])
            for message in invited {
                #expect(message.invite?.method == "REQUEST")
                #expect(message.invite?.uid == "video-\(id)@slotline.example.com")
                #expect(message.invite?.location?.contains("/sandbox/j/\(number)") == true)
                #expect(message.textBody.contains("Quarterly review") && message.textBody.contains(number) && message.textBody.contains("Numbers"))
            }
            // Only the colleague's message links the meeting's page in the back office.
            #expect(invited.first { $0.recipientEmail == colleague.email }?.textBody.contains("/admin/studio/meetings/\(id)") == true)
            #expect(invited.first { $0.recipientEmail == "guest@example.org" }?.textBody.contains("/admin/") == false)

            time.advance(by: 60)
            _ = try await app.owner.post("/api/v1/video-meetings/\(id)/invite", ["participants": [["email": "second@example.org"]]])
            time.advance(by: 60)
            let moved = try await app.owner.send(.patch, "/api/v1/video-meetings/\(id)", body: ["startsAt": .string(rfc3339(start.addingTimeInterval(3600)))])
            #expect(moved.status == .ok, "\(moved.text)")
            try await jobs.runDue()
            let all = try await app.store.messages(workspaceId: app.studio.workspace.id)
            #expect(all.of("video-invitation").count == 3)
            let updates = all.of("video-updated")
            #expect(Set(updates.map(\.recipientEmail)) == [colleague.email, "guest@example.org", "second@example.org"])
            #expect(updates.allSatisfy { ($0.invite?.sequence ?? 0) > 0 && $0.invite?.uid == "video-\(id)@slotline.example.com" })

            _ = try await app.owner.post("/api/v1/video-meetings/\(id)/cancel")
            try await jobs.runDue()
            let cancelled = try await app.store.messages(workspaceId: app.studio.workspace.id).of("video-cancelled")
            #expect(cancelled.count == 3 && cancelled.allSatisfy { $0.invite?.method == "CANCEL" })
        }
    }

    /// A booking of a pool service gets its meeting on the line it took, like a video meeting.
    @Test func aPoolBookingsMeetingIsMadeOnItsLine() async throws {
        let time = testClock()
        try await TestApp.run(.sqlite, time: time) { app in
            let jobs = try JobRunner(store: app.store)
            let line = try await app.owner.post("/api/v1/lines", ["provider": "sandbox", "label": "Room A"])
            let service = try await app.studio.addService("Pool call", in: app.store) { $0.meetingLinkSource = .pool }
            let id = try await app.bookedId(service, at: app.opening())
            try await ProviderSteps.settle(jobs)  // the confirmation waits for the meeting's link
            let booking = try await app.owner.get("/api/v1/bookings/\(id)").json
            #expect(booking["state"].string == "confirmed")
            #expect(booking["meeting"]["joinURL"].string?.contains("/sandbox/j/") == true, "\(booking)")
            let meetings = try await app.store.meetings.list(workspaceId: app.studio.workspace.id)
            #expect(meetings.count == 1 && meetings.first?.lineId == line.json["id"].string)
            let confirmation = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id).one("confirmed")
            #expect(confirmation.textBody.contains("/sandbox/j/"))
        }
    }
}
