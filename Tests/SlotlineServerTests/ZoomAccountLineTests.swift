import Foundation
import ProviderSimulators
import SlotlineCore
import SlotlineDesk
import SlotlineMeetings
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Testing

/// Lines that are licensed users of a Zoom Server-to-Server OAuth app: the account's token comes by
/// `grant_type=account_credentials`, its users from `GET /users?status=active`, and each video
/// meeting is made for its line's user and ended early at Zoom, all against the simulator over HTTP.
@Suite struct ZoomAccountLineTests {
    static let account = "acct-office"
    static let app = SimulatedZoomClient(clientId: "s2s-client", clientSecret: "s2s-secret")
    static let users = [
        SimulatedZoomUser(id: "zuRoomA", email: "room-a@office.test", firstName: "Room", lastName: "A", type: 2, pmi: 5_551_000_001, accountId: account),
        SimulatedZoomUser(id: "zuRoomB", email: "room-b@office.test", firstName: "Room", lastName: "B", type: 2, pmi: 5_551_000_002, accountId: account),
        SimulatedZoomUser(id: "zuBasic", email: "basic@office.test", firstName: "Basic", lastName: "User", type: 1, pmi: 5_551_000_003, accountId: account),
        SimulatedZoomUser(id: "zuOther", email: "other@elsewhere.test", firstName: "Other", lastName: "Company", type: 2, pmi: 5_551_000_004,
                          accountId: "acct-other"),
    ]

    @Test func licensedUsersBecomeLinesAndMeetingsAreMadeForThemAndEndedEarly() async throws {
        let time = testClock()
        let zoom = ZoomSimulator(client: .standard, users: Self.users, clock: { time.now() })
        await zoom.setServerToServerApp(Self.app, accountId: Self.account)
        try await zoom.run { urls in
            var configured = ServerSettings.test
            configured.zoomAccount = ZoomAccountSettings(
                accountId: Self.account, oauth: ZoomOAuth.configuration(clientId: Self.app.clientId, clientSecret: Self.app.clientSecret,
                                                                        baseURL: urls.oauthBaseURL),
                apiURL: urls.apiBaseURL)
            let settings = configured
            try await TestApp.run(.sqlite, time: time, settings: settings) { app in
                let jobs = try JobRunner(store: app.store, settings: settings)
                let listed = try await app.owner.get("/api/v1/lines/zoom-users")
                #expect(listed.status == .ok, "\(listed.text)")
                #expect(Set(listed.json["items"].items.compactMap { $0["id"].string }) == ["zuRoomA", "zuRoomB"])  // licensed, this account
                let refused = try await app.owner.post("/api/v1/lines", ["provider": "zoom", "hostUserId": "zuOther"])
                #expect(refused.status == .notFound && refused.errorField == "hostUserId")
                let line = try await app.owner.post("/api/v1/lines", ["provider": "zoom", "hostUserId": "zuRoomB"])
                #expect(line.status == .created, "\(line.text)")
                #expect(line.json["label"].string == "room-b@office.test" && line.json["hostUserId"].string == "zuRoomB")

                let made = try await app.owner.post("/api/v1/video-meetings", ["kind": "quick", "title": "Board call", "durationMinutes": 45])
                let id = try #require(made.json["id"].string, "\(made.text)")
                try await jobs.runDue()
                let onZoom = await zoom.meetings(userId: "zuRoomB")
                #expect(onZoom.count == 1 && onZoom.first?.topic == "Board call")
                let seen = try await app.owner.get("/api/v1/video-meetings/\(id)").json
                #expect(seen["meetingNumber"].string == onZoom.first.map { String($0.id) })
                #expect(seen["joinURL"].string?.hasPrefix(urls.oauthBaseURL) == true)
                // One token per process serves every line and call (here two: the router's desk and the job runner's).
                #expect(await zoom.accountTokensIssued() == 2)

                _ = await zoom.startMeeting(id: try #require(onZoom.first?.id))
                time.advance(by: 300)
                #expect(try await app.owner.post("/api/v1/video-meetings/\(id)/end").json["state"].string == "endedManually")
                try await jobs.runDue()
                let requests = await zoom.requests()
                #expect(requests.contains { $0.method == "PUT" && $0.path.hasSuffix("/status") && $0.status == 204 })
                #expect(requests.contains { $0.method == "POST" && $0.path == "/v2/users/zuRoomB/meetings" && $0.status == 201 })
                #expect(try await jobs.jobs("meeting.end").map(\.state) == [.done])

                // A meeting renamed before it starts is renamed at Zoom too.
                let later = try await app.owner.post("/api/v1/video-meetings", [
                    "title": "Budget", "startsAt": .string(rfc3339(time.now().addingTimeInterval(86_400))), "durationMinutes": 30])
                let laterId = try #require(later.json["id"].string, "\(later.text)")
                try await jobs.runDue()
                #expect(try await app.owner.send(.patch, "/api/v1/video-meetings/\(laterId)", body: ["title": "Budget 2031"]).status == .ok)
                try await jobs.runDue()
                let number = try #require(try await app.owner.get("/api/v1/video-meetings/\(laterId)").json["meetingNumber"].string)
                #expect(await zoom.meeting(id: try #require(Int64(number)))?.topic == "Budget 2031")

                // The lines page offers the licensed users not yet lines, and adds one.
                let browser = try await PageSecurityTests.signedIn(app)
                let page = try await browser.get("/admin/studio/lines")
                #expect(page.text.contains(#"<option value="zuRoomA""#) && !page.text.contains(#"<option value="zuRoomB""#))
                let added = try await browser.submit("/admin/studio/lines", [("provider", "zoom"), ("hostUserId", "zuRoomA"), ("capacity", "1")], from: page)
                #expect(added.headers[.location] == "/admin/studio/lines?done=line_added")
                #expect(try await app.store.lines.list(workspaceId: app.studio.workspace.id).compactMap(\.hostUserId).sorted() == ["zuRoomA", "zuRoomB"])
            }
        }
    }
}
