import Crypto
import Foundation
import HTTPTypes
import ProviderSimulators
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

/// `/webhooks/zoom` (SPEC §4, PROVIDERS.md): signed and fresh deliveries only, the URL check
/// answered, a removed app forgets its tokens, meeting events set the meeting's state once.
@Suite("Zoom webhooks")
struct ZoomWebhookTests {
    @Test("endpoint.url_validation is answered with the plain token and its HMAC under the secret token")
    func urlValidation() async throws {
        try await ZoomApp.run(.sqlite, time: TimeSource(fixed: Date())) { zoom in
            let plainToken = "qgg8vlvZRS6UYooatFL8Aw"
            let now = Int(zoom.app.store.time.now().timeIntervalSince1970)
            let body = #"{"event":"endpoint.url_validation","event_ts":\#(now)000,"payload":{"plainToken":"\#(plainToken)"}}"#

            let answer = try await Self.deliver(body, timestamp: now, in: zoom)

            #expect(answer.status == .ok)
            #expect(answer.json["plainToken"] == .string(plainToken))
            #expect(answer.json["encryptedToken"] == .string(Self.hmacHex(plainToken, key: ZoomApp.webhookSecret)))
            #expect(answer.json["encryptedToken"].string?.count == 64)
        }
    }

    @Test("a wrong or missing signature, a changed body and a timestamp more than five minutes off answer 401")
    func refusedDeliveries() async throws {
        // A clock that stands still, so five minutes means exactly that.
        try await ZoomApp.run(.sqlite, time: TimeSource(fixed: Date())) { zoom in
            let now = Int(zoom.app.store.time.now().timeIntervalSince1970)
            let body = #"{"event":"endpoint.url_validation","event_ts":\#(now)000,"payload":{"plainToken":"abc"}}"#
            func signed(_ text: String, at timestamp: Int, secret: String = ZoomApp.webhookSecret) -> String {
                "v0=" + Self.hmacHex("v0:\(timestamp):\(text)", key: secret)
            }

            let answers = [
                try await Self.deliver(body, timestamp: now, signature: signed(body, at: now, secret: "another-secret"), in: zoom),
                try await Self.deliver(body, timestamp: now, signature: "", in: zoom),
                try await Self.deliver(body.replacingOccurrences(of: "abc", with: "abd"), timestamp: now,
                                       signature: signed(body, at: now), in: zoom),
                try await Self.deliver(body, timestamp: now - 301, in: zoom),
                try await Self.deliver(body, timestamp: now + 301, in: zoom),
                try await Self.deliver(body, timestamp: now, signature: signed(body, at: now - 1), in: zoom),
            ]
            let fresh = [try await Self.deliver(body, timestamp: now - 300, in: zoom),
                         try await Self.deliver(body, timestamp: now + 300, in: zoom)]

            for answer in answers {
                #expect(answer.status == .unauthorized, "\(answer.text)")
                #expect(answer.json["encryptedToken"].isNull)
                // Zoom's operator learns what is wrong: the signature, not a missing sign-in.
                #expect(answer.json["error"]["code"] == "invalid_signature")
                #expect(answer.json["error"]["field"] == "x-zm-signature")
            }
            #expect(fresh.allSatisfy { $0.status == .ok })
        }
    }

    @Test("app_deauthorized forgets that Zoom user's tokens and leaves other connections alone; again changes nothing",
          arguments: TestDatabase.flavors)
    func appDeauthorized(_ flavor: SQLFlavor) async throws {
        try await ZoomApp.run(flavor) { zoom in
            let app = zoom.app
            let first = app.studio.practitioner.id
            let second = try await ZoomConnectionTests.practitioner("Bea", in: app)
            try await zoom.connectDefaultZoom(user: ZoomApp.users[0])
            try await zoom.connectZoom(practitionerId: second, as: app.owner, user: ZoomApp.users[1])

            let delivery = await zoom.zoom.deauthorize(userId: ZoomApp.users[0].id, secret: ZoomApp.webhookSecret)
            let answer = try await Self.deliver(delivery, in: zoom)
            let rowsAfterFirst = try await ZoomConnectionTests.rows("connections", in: app.store)
            let again = try await Self.deliver(delivery, in: zoom)

            #expect(answer.status == .ok)
            #expect(again.status == .ok)
            #expect(try await ZoomConnectionTests.rows("connections", in: app.store) == rowsAfterFirst)
            let removed = try #require(rowsAfterFirst.first { $0["external_user_id"] == ZoomApp.users[0].id })
            #expect(removed["state"] == "disconnected")
            #expect(removed["sealed_access_token"] == nil)
            #expect(removed["sealed_refresh_token"] == nil)
            let kept = try #require(rowsAfterFirst.first { $0["external_user_id"] == ZoomApp.users[1].id })
            #expect(kept["state"] == "connected")
            #expect(kept["sealed_refresh_token"] != nil)
            let tools = try await app.owner.get("/api/v1/practitioners/\(first)/connections")
            #expect(tools.json["connections"].items.isEmpty)
            #expect(tools.json["defaultProvider"].isNull)
            // As a disconnect does: a new provider booking gets no Zoom meeting.
            _ = try await app.bookedId(try await zoom.providerService(), at: app.opening())
            try await zoom.jobs.runDue()
            #expect(await zoom.zoom.meetingCount(userId: ZoomApp.users[0].id) == 0)
        }
    }

    @Test("meeting.started, meeting.ended and meeting.deleted set the booking's meeting state; repeats change nothing",
          arguments: TestDatabase.flavors)
    func meetingEvents(_ flavor: SQLFlavor) async throws {
        try await ZoomApp.run(flavor) { zoom in
            let app = zoom.app
            let user = ZoomApp.users[0]
            try await zoom.connectDefaultZoom(user: user)
            let id = try await app.bookedId(try await zoom.providerService(), at: app.opening())
            try await zoom.jobs.runDue()
            let simulated = try #require(await zoom.zoom.meetings(userId: user.id).first)
            let meetingId = try #require(try await app.store.meetings.list(workspaceId: app.studio.workspace.id).first?.id)
            func state() async throws -> Meeting.State? { try await app.store.meetings.find(id: meetingId)?.state }
            func deliver(_ event: ZoomWebhookEvent) async throws -> APIResponse {
                try await Self.deliver(await zoom.zoom.meetingWebhook(event, meeting: simulated, secret: ZoomApp.webhookSecret), in: zoom)
            }
            #expect(try await state() == .created)

            #expect(await zoom.zoom.startMeeting(id: simulated.id))
            #expect(try await deliver(.meetingStarted).status == .ok)
            let started = try await state()
            let staffView = try await app.owner.get("/api/v1/bookings/\(id)")
            #expect(try await deliver(.meetingStarted).status == .ok)
            let startedTwice = try await state()
            #expect(try await deliver(.meetingEnded).status == .ok)
            let ended = try await state()
            #expect(try await deliver(.meetingEnded).status == .ok)
            let endedTwice = try await state()
            #expect(try await deliver(.meetingDeleted).status == .ok)
            let deleted = try await state()
            #expect(try await deliver(.meetingDeleted).status == .ok)
            #expect(try await deliver(.meetingEnded).status == .ok)
            let deletedAfterRepeats = try await state()

            #expect(started == .started)
            #expect(staffView.json["meeting"]["state"] == "started")
            #expect(startedTwice == .started)
            #expect(ended == .ended)
            #expect(endedTwice == .ended)
            #expect(deleted == .deleted)
            #expect(deletedAfterRepeats == .deleted)
            #expect(try await app.owner.get("/api/v1/bookings/\(id)").json["meeting"].isNull)
            // The events are news from Zoom: nothing is sent back to it.
            #expect(await zoom.zoom.meetingCount(userId: user.id) == 1)
        }
    }

    @Test("a late retry of meeting.started does not reopen a meeting that has ended", arguments: TestDatabase.flavors)
    func lateRetry(_ flavor: SQLFlavor) async throws {
        try await ZoomApp.run(flavor) { zoom in
            let app = zoom.app
            let user = ZoomApp.users[0]
            try await zoom.connectDefaultZoom(user: user)
            _ = try await app.bookedId(try await zoom.providerService(), at: app.opening())
            try await zoom.jobs.runDue()
            let simulated = try #require(await zoom.zoom.meetings(userId: user.id).first)
            let meetingId = try #require(try await app.store.meetings.list(workspaceId: app.studio.workspace.id).first?.id)
            let started = await zoom.zoom.meetingWebhook(.meetingStarted, meeting: simulated, secret: ZoomApp.webhookSecret)
            app.store.time.advance(by: 120)
            let ended = await zoom.zoom.meetingWebhook(.meetingEnded, meeting: simulated, secret: ZoomApp.webhookSecret)

            #expect(try await Self.deliver(started, in: zoom).status == .ok)
            #expect(try await Self.deliver(ended, in: zoom).status == .ok)
            // Zoom saw no 2xx for `started` in time and sends it again after `ended`: same body (same event_ts), signed anew.
            let now = Int(app.store.time.now().timeIntervalSince1970)
            #expect(try await Self.deliver(started.body, timestamp: now, in: zoom).status == .ok)

            let state = try await app.store.meetings.find(id: meetingId)?.state
            #expect(state == .ended)
        }
    }

    @Test("a meeting event for a meeting Slotline does not know is accepted and changes nothing", arguments: TestDatabase.flavors)
    func unknownMeeting(_ flavor: SQLFlavor) async throws {
        try await ZoomApp.run(flavor) { zoom in
            let now = Int(zoom.app.store.time.now().timeIntervalSince1970)
            let body = #"{"event":"meeting.started","event_ts":\#(now)000,"payload":{"account_id":"x","object":{"id":81234567890,"uuid":"u","host_id":"h","topic":"t","type":2,"start_time":"2030-01-01T09:00:00Z","duration":60,"timezone":"UTC"}}}"#

            let answer = try await Self.deliver(body, timestamp: now, in: zoom)

            #expect(answer.status == .ok)
            #expect(try await zoom.app.store.meetings.list(workspaceId: zoom.app.studio.workspace.id).isEmpty)
        }
    }

    // MARK: - Delivering

    /// POSTs a delivery the simulator built, byte for byte with its headers.
    static func deliver(_ webhook: SignedZoomWebhook, in zoom: ZoomApp) async throws -> APIResponse {
        var headers = HTTPFields()
        for (name, value) in webhook.headers { headers[HTTPField.Name(name)!] = value }
        return try await zoom.app.visitor.send(.post, "/webhooks/zoom", raw: webhook.body, headers: headers)
    }

    /// POSTs `body` stamped `timestamp`, signed here with the secret token unless `signature` is given
    /// (an empty one sends no signature header).
    static func deliver(_ body: String, timestamp: Int, signature: String? = nil, in zoom: ZoomApp) async throws -> APIResponse {
        var headers: HTTPFields = [HTTPField.Name("x-zm-request-timestamp")!: String(timestamp)]
        let value = signature ?? "v0=" + hmacHex("v0:\(timestamp):\(body)", key: ZoomApp.webhookSecret)
        if !value.isEmpty { headers[HTTPField.Name("x-zm-signature")!] = value }
        return try await zoom.app.visitor.send(.post, "/webhooks/zoom", raw: body, headers: headers)
    }

    /// Lowercase hex of HMAC-SHA256, computed here rather than by the code under test.
    static func hmacHex(_ message: String, key: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(key.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }
}
