import Crypto
import Foundation
import HTTPTypes
import NIOCore
import SlotlineCore
import SlotlineDesk
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Testing

/// `/meet @alice @bob topic` from a Slack-compatible chat: signed requests only (Slack's `v0` with a
/// fresh timestamp, or Mattermost's token); a caller not linked yet gets a one-time link instead of
/// an error; a linked caller starts a quick meeting with the linked colleagues named, and the chat
/// gets the participant link in the channel and the host link for the caller alone.
@Suite struct ChatCommandTests {
    static let secret = "slack-signing-secret"
    static let token = "mattermost-token"

    static var settings: ServerSettings {
        var settings = ServerSettings.test
        settings.chatSigningSecret = secret
        settings.chatToken = token
        return settings
    }

    /// A slash command as Slack posts it, signed at `timestamp`.
    func command(_ app: TestApp, text: String, user: String = "U1", name: String = "ada", responseURL: String = "",
                 timestamp: Int64, secret: String = ChatCommandTests.secret) async throws -> APIResponse {
        let body = [("token", "ignored"), ("team_id", "T1"), ("channel_id", "C1"), ("channel_name", "general"), ("user_id", user),
                    ("user_name", name), ("command", "/meet"), ("text", text), ("response_url", responseURL)]
            .map { "\($0.0)=\(PageVisitor.encode($0.1))" }.joined(separator: "&")
        let signature = "v0=" + Hex.encode(HMAC<SHA256>.authenticationCode(for: Data("v0:\(timestamp):\(body)".utf8),
                                                                           using: SymmetricKey(data: Data(secret.utf8))))
        return try await app.visitor.send(.post, "/chat/studio/meet", raw: body, headers: [
            .contentType: "application/x-www-form-urlencoded", HTTPField.Name("X-Slack-Request-Timestamp")!: String(timestamp),
            HTTPField.Name("X-Slack-Signature")!: signature])
    }

    @Test func anUnlinkedCallerLinksOnceThenMeetStartsAMeetingWithTheNamedColleagues() async throws {
        let time = testClock()
        try await TestApp.run(.sqlite, time: time, settings: Self.settings) { app in
            try await WebhookReceiver.run { chat in
                let jobs = try JobRunner(store: app.store, settings: Self.settings)
                _ = try await app.owner.post("/api/v1/lines", ["provider": "sandbox", "label": "Room A"])
                let now = time.now().unixSeconds
                #expect(try await command(app, text: "hi", timestamp: now, secret: "wrong").errorCode == "invalid_signature")
                #expect(try await command(app, text: "hi", timestamp: now - 301).errorCode == "invalid_signature")

                // Not linked yet: a clear answer with a one-time link, not an error.
                let first = try await command(app, text: "<@U2|bob> @carol Sprint sync", timestamp: now)
                #expect(first.status == .ok && first.json["response_type"].string == "ephemeral")
                let link = try #require(first.json["text"].string?.firstMatch(of: #/https://slotline\.example\.com(/admin/studio/chat-link/\S+)/#)?.output.1)
                let owner = try await PageSecurityTests.signedIn(app)
                let confirm = try await owner.get(String(link))
                #expect(confirm.text.contains("@ada"))
                let linked = try await owner.submit(String(link), [], from: confirm)
                #expect(linked.headers[.location] == "/admin/studio/meetings?done=chat_linked")
                #expect(try await owner.submit(String(link), [], from: confirm).status == .notFound)  // once
                // Bob is linked too (his own link, used by his account).
                let bob = StaffUser(id: Secrets.newID(), workspaceId: app.studio.workspace.id, email: "bob@example.com", name: "Bob", role: .staff)
                try await app.store.staff.create(bob, passwordHash: "-", now: time.now())
                let bobLink = try await app.store.chatAccounts.createLink(for: ChatUser(teamId: "T1", userId: "U2", userName: "bob"),
                                                                         workspaceId: app.studio.workspace.id, expiresAt: time.now().addingTimeInterval(60))
                _ = try await Desk(store: app.store, settings: Self.settings).chatMeetings.link(token: bobLink, staff: bob)

                let started = try await command(app, text: "<@U2|bob> @carol Sprint sync", responseURL: chat.url, timestamp: now)
                #expect(started.status == .ok && started.json["response_type"].string == "ephemeral")
                #expect(started.json["text"].string?.contains("Sprint sync") == true)
                #expect(started.json["text"].string?.contains("@carol") == true)  // named as not invited
                let meeting = try #require(try await app.owner.get("/api/v1/video-meetings?view=all&everyone=true").json["items"].items.first)
                #expect(meeting["title"].string == "Sprint sync" && meeting["state"].string == "inProgress")
                #expect(meeting["source"]["kind"].string == "chat" && meeting["source"]["reference"].string == "#general")
                #expect(meeting["participants"].items.map { $0["staffId"].string } == [bob.id])
                try await jobs.runDue()
                let posts = await chat.requests.map(\.json)
                let channel = try #require(posts.first { $0["response_type"].string == "in_channel" })
                let host = try #require(posts.first { $0["response_type"].string == "ephemeral" })
                #expect(posts.count == 2)
                #expect(channel["text"].string?.contains("/sandbox/j/") == true && channel["text"].string?.contains("host=") == false)
                #expect(host["text"].string?.contains("/sandbox/s/") == true && host["text"].string?.contains("host=") == true)
            }
        }
    }

    @Test func mattermostsTokenIsCheckedAndAnUnknownWorkspaceIsNotFound() async throws {
        try await TestApp.run(.sqlite, time: testClock(), settings: Self.settings) { app in
            let body = "team_id=T9&user_id=U9&user_name=zoe&channel_name=town-square&text=standup"
            let accepted = try await app.visitor.send(.post, "/chat/studio/meet", raw: body, headers: [
                .contentType: "application/x-www-form-urlencoded", .authorization: "Token \(Self.token)"])
            #expect(accepted.status == .ok && accepted.json["text"].string?.contains("/admin/studio/chat-link/") == true)
            let refused = try await app.visitor.send(.post, "/chat/studio/meet", raw: body, headers: [
                .contentType: "application/x-www-form-urlencoded", .authorization: "Token nope"])
            #expect(refused.status == .unauthorized && refused.errorCode == "invalid_signature")
            let elsewhere = try await app.visitor.send(.post, "/chat/nowhere/meet", raw: body, headers: [
                .contentType: "application/x-www-form-urlencoded", .authorization: "Token \(Self.token)"])
            #expect(elsewhere.status == .notFound)
        }
    }
}
