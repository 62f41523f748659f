import Foundation
import ProviderSimulators
import Testing

@Suite struct ZoomMeetingSimulatorTests {
    @Test func createAnswers201WithAFullMeeting() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()

            let answer = try await zoom.createMeeting(token: tokens.access_token, topic: "Intake", start: "2030-01-02T10:00:00Z", extra: #","agenda":"Bring notes""#)
            let meeting: ZoomFixture.Meeting = try answer.decode()

            #expect(answer.status == 201)
            #expect((9...11).contains(String(meeting.id).count))
            #expect(meeting.host_id == ZoomFixture.user1.id)
            #expect(meeting.topic == "Intake")
            #expect(meeting.type == 2)
            #expect(meeting.status == "waiting")
            #expect(meeting.start_time == "2030-01-02T10:00:00Z")
            #expect(meeting.duration == 45)
            #expect(meeting.timezone == "Europe/Berlin")
            #expect(meeting.agenda == "Bring notes")
            #expect(meeting.join_url.hasPrefix("\(zoom.urls.oauthBaseURL)/j/\(meeting.id)?pwd="))
            #expect(meeting.start_url.hasPrefix("\(zoom.urls.oauthBaseURL)/s/\(meeting.id)?"))
            #expect((1...10).contains(meeting.password.count))
            #expect(meeting.password.allSatisfy { $0.isLetter || $0.isNumber || "@-_*".contains($0) })
            #expect(meeting.created_at == "2030-01-01T12:00:00Z")
            #expect(!meeting.uuid.isEmpty)
            #expect(await zoom.zoom.meetingCount(userId: ZoomFixture.user1.id) == 1)
            #expect(try await zoom.send(.GET, meeting.join_url).status == 200)
        }
    }

    @Test func localStartTimeIsReadInTheGivenTimeZone() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()

            let meeting: ZoomFixture.Meeting = try await zoom.createMeeting(token: tokens.access_token, start: "2030-07-01T09:30:00").decode()

            #expect(meeting.start_time == "2030-07-01T07:30:00Z")
        }
    }

    @Test func givenPasswordIsKept() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()

            let meeting: ZoomFixture.Meeting = try await zoom.createMeeting(token: tokens.access_token, extra: #","password":"a@b-c_d*9""#).decode()

            #expect(meeting.password == "a@b-c_d*9")
        }
    }

    @Test func getAnswersTheMeetingOnlyToItsHost() async throws {
        try await ZoomFixture.run { zoom in
            let host = try await zoom.connect()
            let other = try await zoom.connect(ZoomFixture.user2)
            let created: ZoomFixture.Meeting = try await zoom.createMeeting(token: host.access_token).decode()

            let mine = try await zoom.api(.GET, "/meetings/\(created.id)", token: host.access_token)
            let theirs = try await zoom.api(.GET, "/meetings/\(created.id)", token: other.access_token)

            #expect(mine.status == 200)
            #expect(try mine.decode(ZoomFixture.Meeting.self).join_url == created.join_url)
            #expect(theirs.status == 404)
            #expect(try theirs.decode(ZoomFixture.ErrorBody.self).code == 3001)
        }
    }

    @Test func listPagesThroughUpcomingMeetings() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            for day in 2...6 {
                _ = try await zoom.createMeeting(token: tokens.access_token, topic: "Day \(day)", start: "2030-01-0\(day)T10:00:00Z")
            }
            _ = try await zoom.createMeeting(token: tokens.access_token, topic: "Past", start: "2029-12-01T10:00:00Z")

            var topics: [String] = []
            var pageToken = ""
            var pages = 0
            repeat {
                let page: ZoomFixture.MeetingPage = try await zoom.api(
                    .GET, "/users/me/meetings?type=upcoming&page_size=2&next_page_token=\(pageToken)", token: tokens.access_token
                ).decode()
                #expect(page.page_size == 2)
                #expect(page.total_records == 5)
                topics += page.meetings.map(\.topic)
                pageToken = page.next_page_token
                pages += 1
            } while !pageToken.isEmpty && pages < 10

            #expect(pages == 3)
            #expect(topics == ["Day 2", "Day 3", "Day 4", "Day 5", "Day 6"])
        }
    }

    @Test func patchAnswers204AndAGetReadsTheChange() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            let created: ZoomFixture.Meeting = try await zoom.createMeeting(token: tokens.access_token).decode()

            let patch = try await zoom.api(.PATCH, "/meetings/\(created.id)", token: tokens.access_token, json: #"{"start_time":"2030-01-03T15:00:00Z","duration":30}"#)
            let after: ZoomFixture.Meeting = try await zoom.api(.GET, "/meetings/\(created.id)", token: tokens.access_token).decode()

            #expect(patch.status == 204)
            #expect(patch.body.isEmpty)
            #expect(after.start_time == "2030-01-03T15:00:00Z")
            #expect(after.duration == 30)
            #expect(after.topic == created.topic)
            #expect(after.join_url == created.join_url)
        }
    }

    @Test func deleteAnswers204ThenTheMeetingIsGoneWith3001() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            let created: ZoomFixture.Meeting = try await zoom.createMeeting(token: tokens.access_token).decode()

            let delete = try await zoom.api(.DELETE, "/meetings/\(created.id)", token: tokens.access_token)
            let again = try await zoom.api(.DELETE, "/meetings/\(created.id)", token: tokens.access_token)
            let get = try await zoom.api(.GET, "/meetings/\(created.id)", token: tokens.access_token)

            #expect(delete.status == 204)
            #expect(delete.body.isEmpty)
            #expect(again.status == 404)
            #expect(try again.decode(ZoomFixture.ErrorBody.self).code == 3001)
            #expect(try again.decode(ZoomFixture.ErrorBody.self).message == "Meeting does not exist: \(created.id).")
            #expect(get.status == 404)
            #expect(await zoom.zoom.meetingCount(userId: ZoomFixture.user1.id) == 0)
        }
    }

    @Test func runningMeetingCannotBeDeletedUntilEnded() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            let created: ZoomFixture.Meeting = try await zoom.createMeeting(token: tokens.access_token).decode()
            await zoom.zoom.startMeeting(id: created.id)

            let refused = try await zoom.api(.DELETE, "/meetings/\(created.id)", token: tokens.access_token)
            let end = try await zoom.api(.PUT, "/meetings/\(created.id)/status", token: tokens.access_token, json: #"{"action":"end"}"#)
            let delete = try await zoom.api(.DELETE, "/meetings/\(created.id)", token: tokens.access_token)

            #expect(refused.status == 400)
            #expect(try refused.decode(ZoomFixture.ErrorBody.self).code == 3002)
            #expect(end.status == 204)
            #expect(delete.status == 204)
        }
    }

    @Test func validationErrorsName300AndTheField() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            let cases: [(String, String)] = [
                (#"{"type":2,"start_time":"2030-01-02T10:00:00Z"}"#, "topic"),
                (#"{"topic":"x","start_time":"tomorrow at ten"}"#, "start_time"),
                (#"{"topic":"x","start_time":"2030-02-30T10:00:00Z"}"#, "start_time"),
                (#"{"topic":"x","agenda":"\#(String(repeating: "a", count: 2001))"}"#, "agenda"),
                (#"{"topic":"x","password":"elevenchars"}"#, "password"),
                (#"{"topic":"x","password":"no spaces"}"#, "password"),
                (#"{"topic":"x","timezone":"Mars/Olympus"}"#, "timezone"),
                (#"{"topic":"x","duration":"long"}"#, "duration"),
            ]

            for (json, field) in cases {
                let answer = try await zoom.api(.POST, "/users/me/meetings", token: tokens.access_token, json: json)
                let error: ZoomFixture.ErrorBody = try answer.decode()
                #expect(answer.status == 400, "\(field)")
                #expect(error.code == 300, "\(field)")
                #expect(error.errors?.map(\.field) == [field])
            }
            let patch = try await zoom.api(.PATCH, "/meetings/1", token: tokens.access_token, json: #"{"topic":"x"}"#)
            #expect(patch.status == 404)
            #expect(await zoom.zoom.meetingCount(userId: ZoomFixture.user1.id) == 0)
        }
    }

    @Test func agendaOf2000CharactersIsAccepted() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()

            let answer = try await zoom.createMeeting(token: tokens.access_token, extra: #","agenda":"\#(String(repeating: "a", count: 2000))""#)

            #expect(answer.status == 201)
        }
    }

    @Test func createAndUpdateAreLimitedTo100PerUserPerUTCDay() async throws {
        try await ZoomFixture.run { zoom in
            let tokens = try await zoom.connect()
            let other = try await zoom.connect(ZoomFixture.user2)
            let first: ZoomFixture.Meeting = try await zoom.createMeeting(token: tokens.access_token).decode()
            for _ in 1..<99 { _ = try await zoom.createMeeting(token: tokens.access_token) }
            #expect(try await zoom.api(.PATCH, "/meetings/\(first.id)", token: tokens.access_token, json: #"{"duration":50}"#).status == 204)

            let limited = try await zoom.createMeeting(token: tokens.access_token)
            let limitedPatch = try await zoom.api(.PATCH, "/meetings/\(first.id)", token: tokens.access_token, json: #"{"duration":20}"#)
            let otherUser = try await zoom.createMeeting(token: other.access_token)

            #expect(limited.status == 429)
            #expect(try limited.decode(ZoomFixture.ErrorBody.self).code == 429)
            #expect(limited.header("X-RateLimit-Type") == "Daily-limit")
            #expect(limited.header("Retry-After") == "43200")
            #expect(limitedPatch.status == 429)
            #expect(otherUser.status == 201)
            #expect(await zoom.zoom.meetingCount(userId: ZoomFixture.user1.id) == 99)

            await zoom.zoom.advanceClock(by: 12 * 3600)
            let refreshed: ZoomFixture.Tokens = try await zoom.refresh(tokens.refresh_token).decode()
            #expect(try await zoom.createMeeting(token: refreshed.access_token).status == 201)
        }
    }
}
