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
}
