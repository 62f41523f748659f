import Foundation
import HTTPTypes
import SlotlineCore
import SlotlineDesk
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Testing

/// The video-meeting pages as a person uses them, through the router: lines added and put in
/// maintenance, a quick meeting entered, a refused time answered beside its field with the nearest
/// free starts as buttons, the seed's duration wording, joining by number and ending early.
@Suite struct VideoMeetingPagesTests {
    @Test func anAdminAddsALineAndPutsItInMaintenance() async throws {
        try await TestApp.run(.sqlite, time: testClock()) { app in
            let owner = try await PageSecurityTests.signedIn(app)
            let page = try await owner.get("/admin/studio/lines")
            #expect(page.status == .ok && page.text.contains("No lines yet"))
            let refused = try await owner.submit("/admin/studio/lines", [("provider", "sandbox"), ("label", "Room A"), ("capacity", "0")], from: page)
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("value=\"Room A\""))
            #expect(refused.text.contains(#"<p class="error" id="new-line-capacity-error">"#))
            let added = try await owner.submit("/admin/studio/lines", [("provider", "sandbox"), ("label", "Room A"), ("capacity", "2")], from: page)
            #expect(added.headers[.location] == "/admin/studio/lines?done=line_added")
            let line = try #require(try await app.store.lines.list(workspaceId: app.studio.workspace.id).first)
            #expect(line.label == "Room A" && line.capacity == 2 && line.provider == .sandbox)
            let saved = try await owner.submit("/admin/studio/lines/\(line.id)", [("label", "Room A"), ("capacity", "2"), ("state", "maintenance")],
                                               from: page)
            #expect(saved.headers[.location] == "/admin/studio/lines?done=line_saved")
            #expect(try await owner.get("/admin/studio/lines").text.contains(#"<span class="state maintenance">In maintenance</span>"#))
            // Staff do not configure lines; their navigation does not offer them.
            let sam = StaffUser(id: Secrets.newID(), workspaceId: app.studio.workspace.id, email: "sam@example.com", name: "Sam", role: .staff)
            try await app.store.staff.create(sam, passwordHash: try await Passwords.hash(PageSecurityTests.password), now: app.store.time.now())
            let member = PageVisitor(client: app.visitor.client)
            let login = try await member.get("/admin/login")
            _ = try await member.submit("/admin/login", [("email", sam.email), ("password", PageSecurityTests.password)], from: login)
            #expect(try await member.get("/admin/studio/lines").status == .forbidden)
            let meetings = try await member.get("/admin/studio/meetings")
            #expect(meetings.status == .ok && !meetings.text.contains("/admin/studio/lines\""))
        }
    }

    @Test func aQuickMeetingThenARefusedTimeWithSuggestionsThenJoinAndEndEarly() async throws {
        let time = testClock()
        try await TestApp.run(.sqlite, time: time) { app in
            let jobs = try JobRunner(store: app.store)
            _ = try await Desk(store: app.store, settings: .test).lines.add(LineChanges(provider: .sandbox, label: "Room A"),
                                                                              workspaceId: app.studio.workspace.id)
            let owner = try await PageSecurityTests.signedIn(app)
            let list = try await owner.get("/admin/studio/meetings")
            #expect(list.status == .ok && list.text.contains("My video meetings"))

            let started = try await owner.submit("/admin/studio/meetings/quick", [("title", "Stand-up")], from: list)
            let location = try #require(started.headers[.location])
            #expect(location.hasSuffix("?done=meeting_started"))
            let meetingPath = String(location.prefix { $0 != "?" })
            #expect(try await owner.get(location).text.contains("The meeting link is being created"))
            try await jobs.runDue()
            let detail = try await owner.get(meetingPath)
            let number = try #require(detail.text.firstMatch(of: #/<code id="meeting-number">(\d+)</code>/#)?.output.1)
            #expect(detail.text.contains(#"target="_blank" rel="noopener">Enter the meeting</a>"#))
            #expect(detail.text.contains("/sandbox/j/\(number)"))
            #expect(detail.text.contains("In progress"))

            // The room is taken for the next hour: the form says so beside the start, keeps what was
            // typed, and offers the start at which it frees as a button.
            let chinese = PageVisitor(client: app.visitor.client, acceptLanguage: "zh-Hans")
            _ = try await Provisioning(store: app.store).owner(in: app.studio.workspace, email: "lin@example.com", password: PageSecurityTests.password)
            let login = try await chinese.get("/admin/login")
            _ = try await chinese.submit("/admin/login", [("email", "lin@example.com"), ("password", PageSecurityTests.password)], from: login)
            let form = try await chinese.get("/admin/studio/meetings/new")
            let fields = [("title", "季度复盘"), ("startsAt", "2030-06-03T12:30"), ("duration", "60"), ("hostStaffId", try await userId(app, "lin@example.com"))]
            let refused = try await chinese.submit("/admin/studio/meetings/new", fields, from: form)
            #expect(refused.status == .conflict)
            #expect(refused.text.contains(#"<p class="error" id="f-startsAt-error">找不到空闲线路，请检查线路维护是否正常，或者重新选择会议时间</p>"#))
            #expect(refused.text.contains("value=\"季度复盘\""))
            #expect(refused.text.contains(#"<button type="submit" name="suggested" value="2030-06-03T13:00">"#))
            let tooLong = try await chinese.submit("/admin/studio/meetings/new", fields.map { $0.0 == "duration" ? ("duration", "1441") : $0 }, from: form)
            #expect(tooLong.status == .badRequest)
            #expect(tooLong.text.contains(#"<p class="error" id="f-duration-error">无效的输入参数： duration</p>"#))
            let booked = try await chinese.submit("/admin/studio/meetings/new", fields + [("suggested", "2030-06-03T13:00")], from: form)
            #expect(booked.status == .seeOther && booked.headers[.location]?.hasSuffix("?done=meeting_created") == true)

            // Joining by number opens the participant link; a wrong number is answered beside the field.
            let joined = try await chinese.submit("/admin/studio/meetings/join", [("meetingNumber", String(number))], from: form)
            #expect(joined.headers[.location]?.contains("/sandbox/j/\(number)") == true)
            let wrong = try await chinese.submit("/admin/studio/meetings/join", [("meetingNumber", "123")], from: form)
            #expect(wrong.status == .notFound && wrong.text.contains(#"id="join-number-error""#) && wrong.text.contains("value=\"123\""))

            time.advance(by: 600)
            let ended = try await owner.submit("\(meetingPath)/end", [], from: detail)
            #expect(ended.headers[.location] == "\(meetingPath)?done=meeting_ended")
            let after = try await owner.get(meetingPath)
            #expect(after.text.contains("Ended early") && !after.text.contains("Enter the meeting"))
        }
    }

    private func userId(_ app: TestApp, _ email: String) async throws -> String {
        try #require(try await app.store.staff.list(workspaceId: app.studio.workspace.id).first { $0.email == email }?.id)
    }
}
