import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SlotlineCore
import SlotlineDesk
import SlotlineNotify
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import SQLKit
import Testing

/// Outgoing webhooks delivered to a real HTTP endpoint on loopback, checked as a subscriber would
/// check them: the body, the event id, and the signature recomputed here with the secret.
@Suite("Webhook delivery")
struct WebhookDeliveryTests {
    /// Monday 2030-06-03 12:00 UTC: retries fall due when the test moves this clock.
    static let now = Date(timeIntervalSince1970: 1_906_718_400)

    @Test("subscribed booking events arrive as signed JSON; the secret is shown once and stored sealed",
          arguments: TestDatabase.flavors)
    func signedDeliveries(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor, time: TimeSource(fixed: Self.now)) { app in
            try await WebhookReceiver.run { receiver in
                let created = try await app.owner.post("/api/v1/webhooks", [
                    "url": .string(receiver.url), "events": ["booking.created", "booking.confirmed"],
                ])
                let id = try #require(created.json["id"].string, "\(created.text)")
                let secret = try #require(created.json["secret"].string)
                let shown = try await app.owner.get("/api/v1/webhooks/\(id)")
                let listed = try await app.owner.get("/api/v1/webhooks")
                let sealed = try await Self.sealedSecret(app.store, subscriptionId: id)

                let bookingId = try await app.bookedId(app.studio.instant, at: app.opening())
                try await Self.runDueJobs(app.store)

                #expect(created.status == .created)
                #expect(secret.count >= 32)
                #expect(shown.status == .ok)
                #expect(shown.json["url"].string == receiver.url)
                #expect(!shown.json.keys.contains("secret"))
                #expect(!shown.text.contains(secret))
                #expect(listed.json["items"].items.map { $0["id"] } == [.string(id)])
                #expect(!listed.text.contains(secret))
                #expect(!sealed.isEmpty)
                #expect(!sealed.contains(secret))
                let received = await receiver.requests
                #expect(received.map { $0.json["type"].string ?? "" }.sorted() == ["booking.confirmed", "booking.created"])
                for request in received {
                    let eventId = try #require(request.json["id"].string)
                    #expect(eventId.hasPrefix("evt_"))
                    #expect(request.headers[.contentType] == "application/json")
                    #expect(request.headers[Self.eventHeader] == request.json["type"].string)
                    #expect(request.headers[Self.eventIdHeader] == eventId)
                    #expect(request.json["data"]["bookingId"].string == bookingId)
                    #expect(!request.body.contains(Studio.practitionerSecret))
                    let signature = try #require(request.headers[Self.signatureHeader])
                    #expect(Self.signatureHolds(signature, body: request.body, secret: secret, now: app.store.time.now()))
                    #expect(!Self.signatureHolds(signature, body: request.body + " ", secret: secret, now: app.store.time.now()))
                    #expect(!Self.signatureHolds(signature, body: request.body, secret: secret + "x", now: app.store.time.now()))
                    #expect(WebhookSignature.verify(signature, body: request.body, secret: secret, now: app.store.time.now().unixSeconds))
                }
                #expect(Set(received.compactMap { $0.json["id"].string }).count == 2)
                let log = try await app.owner.get("/api/v1/webhooks/\(id)/deliveries")
                #expect(log.json["items"].items.map { $0["state"] } == ["delivered", "delivered"])
                #expect(log.json["items"].items.map { $0["responseStatus"] } == [200, 200])
            }
        }
    }

    @Test("events the subscription did not ask for are not sent", arguments: TestDatabase.flavors)
    func unsubscribedEvents(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor, time: TimeSource(fixed: Self.now)) { app in
            try await WebhookReceiver.run { receiver in
                let created = try await app.owner.post("/api/v1/webhooks", ["url": .string(receiver.url), "events": ["booking.cancelled"]])
                let bookingId = try await app.bookedId(app.studio.instant, at: app.opening())
                try await Self.runDueJobs(app.store)
                let afterBooking = await receiver.requests

                let cancelled = try await app.owner.post("/api/v1/bookings/\(bookingId)/cancel")
                try await Self.runDueJobs(app.store)

                #expect(created.status == .created)
                #expect(cancelled.status == .ok)
                #expect(afterBooking.isEmpty)
                let received = await receiver.requests
                #expect(received.map { $0.json["type"] } == ["booking.cancelled"])
                #expect(received.first?.json["data"]["bookingId"].string == bookingId)
            }
        }
    }

    @Test("a 500 is retried after a growing delay until delivered; the log shows every try", arguments: TestDatabase.flavors)
    func retriesWithBackoff(_ flavor: SQLFlavor) async throws {
        let time = TimeSource(fixed: Self.now)
        try await TestApp.run(flavor, time: time) { app in
            try await WebhookReceiver.run(refusing: 2) { receiver in
                let created = try await app.owner.post("/api/v1/webhooks", ["url": .string(receiver.url), "events": ["booking.confirmed"]])
                let id = try #require(created.json["id"].string, "\(created.text)")
                let secret = try #require(created.json["secret"].string)
                let path = "/api/v1/webhooks/\(id)/deliveries"
                _ = try await app.bookedId(app.studio.instant, at: app.opening())

                try await Self.runDueJobs(app.store)
                let afterFirst = try await app.owner.get(path).json["items"][0]
                time.advance(by: 4)  // the first retry waits 5–6.25 s
                try await Self.runDueJobs(app.store)
                let tooSoonForSecond = await receiver.requests.count
                time.advance(by: 3)
                try await Self.runDueJobs(app.store)
                let afterSecond = try await app.owner.get(path).json["items"][0]
                time.advance(by: 9)  // the second retry waits 10–12.5 s
                try await Self.runDueJobs(app.store)
                let tooSoonForThird = await receiver.requests.count
                time.advance(by: 4)
                try await Self.runDueJobs(app.store)
                let log = try await app.owner.get(path).json["items"].items

                #expect(afterFirst["state"] == "pending")
                #expect(afterFirst["attempts"] == 1)
                #expect(afterFirst["responseStatus"] == 500)
                #expect(afterFirst["lastError"].string?.contains("500") == true)
                #expect(afterFirst["deliveredAt"].isNull)
                #expect(tooSoonForSecond == 1)
                #expect(afterSecond["state"] == "pending")
                #expect(afterSecond["attempts"] == 2)
                #expect(afterSecond["responseStatus"] == 500)
                #expect(tooSoonForThird == 2)
                #expect(log.count == 1)
                #expect(log.first?["state"] == "delivered")
                #expect(log.first?["attempts"] == 3)
                #expect(log.first?["responseStatus"] == 200)
                #expect(log.first?["lastError"].isNull == true)
                #expect(log.first?["deliveredAt"].date == time.now())
                let received = await receiver.requests
                #expect(received.count == 3)
                #expect(Set(received.map(\.body)).count == 1)  // each try sends the same event, byte for byte
                #expect(Set(received.map { $0.headers[Self.eventIdHeader] }).count == 1)
                for request in received {
                    #expect(Self.signatureHolds(request.headers[Self.signatureHeader] ?? "", body: request.body, secret: secret, now: time.now()))
                }
            }
        }
    }

    @Test("handling the same booking event again delivers nothing new", arguments: TestDatabase.flavors)
    func sameEventOnce(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor, time: TimeSource(fixed: Self.now)) { app in
            try await WebhookReceiver.run { receiver in
                let created = try await app.owner.post("/api/v1/webhooks", [
                    "url": .string(receiver.url), "events": ["booking.created", "booking.confirmed"],
                ])
                let id = try #require(created.json["id"].string, "\(created.text)")
                _ = try await app.bookedId(app.studio.instant, at: app.opening())
                try await Self.runDueJobs(app.store)
                let event = try #require(try await app.store.jobs.list(state: .done, workspaceId: nil, limit: 100)
                    .first { $0.kind == JobKind.bookingEvent.rawValue })

                try await app.store.jobs.enqueue(event.kind, payload: event.payload, workspaceId: event.workspaceId, subject: event.subject)
                try await Self.runDueJobs(app.store)

                #expect(await receiver.requests.count == 2)
                #expect(try await app.owner.get("/api/v1/webhooks/\(id)/deliveries").json["items"].items.count == 2)
                #expect(try await app.store.jobs.list(state: nil, workspaceId: nil, limit: 100)
                    .filter { $0.kind == JobKind.bookingEvent.rawValue }.count == 2)
            }
        }
    }

    @Test("another workspace's subscription hears nothing of this workspace's bookings", arguments: TestDatabase.flavors)
    func otherWorkspace(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor, time: TimeSource(fixed: Self.now)) { app in
            try await WebhookReceiver.run { ours in
                try await WebhookReceiver.run { theirs in
                    let other = try await Studio.create(in: app.store, slug: "other-studio")
                    let otherOwner = try await app.staff(role: .owner, in: other.workspace)
                    let everything = JSONValue.array(WebhookEventType.allCases.map { .string($0.rawValue) })
                    let theirSubscription = try await otherOwner.post("/api/v1/webhooks", ["url": .string(theirs.url), "events": everything])
                    let theirId = try #require(theirSubscription.json["id"].string, "\(theirSubscription.text)")
                    let ourSubscription = try await app.owner.post("/api/v1/webhooks", ["url": .string(ours.url), "events": everything])
                    let ourId = try #require(ourSubscription.json["id"].string, "\(ourSubscription.text)")

                    _ = try await app.bookedId(app.studio.instant, at: app.opening())
                    try await Self.runDueJobs(app.store)

                    #expect(await ours.requests.count == 2)
                    #expect(await theirs.requests.isEmpty)
                    #expect(try await otherOwner.get("/api/v1/webhooks/\(theirId)/deliveries").json["items"].items.isEmpty)
                    #expect(try await otherOwner.get("/api/v1/webhooks/\(ourId)").status == .notFound)
                    #expect(try await otherOwner.get("/api/v1/webhooks/\(ourId)/deliveries").status == .notFound)
                    #expect(try await otherOwner.get("/api/v1/webhooks").json["items"].items.map { $0["id"] } == [.string(theirId)])
                }
            }
        }
    }

    /// A subscription request that must be refused, and how.
    struct BadSubscription: Sendable, CustomTestStringConvertible {
        let name: String
        let body: JSONValue
        let code: String
        let field: String
        var testDescription: String { name }

        static let all: [BadSubscription] = [
            BadSubscription(name: "ftp URL", body: ["url": "ftp://example.com/hook", "events": ["booking.created"]],
                            code: "invalid_parameter", field: "url"),
            BadSubscription(name: "javascript URL", body: ["url": "javascript:alert(1)", "events": ["booking.created"]],
                            code: "invalid_parameter", field: "url"),
            BadSubscription(name: "relative URL", body: ["url": "/hook", "events": ["booking.created"]],
                            code: "invalid_parameter", field: "url"),
            BadSubscription(name: "missing URL", body: ["events": ["booking.created"]], code: "missing_parameter", field: "url"),
            BadSubscription(name: "unknown event", body: ["url": "https://example.com/hook", "events": ["booking.created", "booking.exploded"]],
                            code: "invalid_parameter", field: "events"),
            BadSubscription(name: "empty events", body: ["url": "https://example.com/hook", "events": []],
                            code: "missing_parameter", field: "events"),
            BadSubscription(name: "missing events", body: ["url": "https://example.com/hook"], code: "missing_parameter", field: "events"),
        ]
    }

    @Test("a bad subscription is refused with 400, its code and its field, and nothing is created", arguments: BadSubscription.all)
    func badInput(_ bad: BadSubscription) async throws {
        try await TestApp.run(.sqlite) { app in
            let response = try await app.owner.post("/api/v1/webhooks", bad.body)

            #expect(response.status == .badRequest)
            #expect(response.errorCode == bad.code)
            #expect(response.errorField == bad.field)
            #expect(try await app.owner.get("/api/v1/webhooks").json["items"].items.isEmpty)
        }
    }

    @Test("staff who do not configure the workspace cannot manage webhooks")
    func staffRole() async throws {
        try await TestApp.run(.sqlite) { app in
            let staff = try await app.staff(role: .staff)

            let created = try await staff.post("/api/v1/webhooks", ["url": "https://example.com/hook", "events": ["booking.created"]])
            let listed = try await staff.get("/api/v1/webhooks")

            #expect(created.status == .forbidden)
            #expect(listed.status == .forbidden)
        }
    }

    /// Takes about 10 seconds: the delivery timeout is a constant of the handler.
    @Test("an endpoint slower than the timeout counts as a failed try and is retried")
    func timeout() async throws {
        let time = TimeSource(fixed: Self.now)
        try await TestApp.run(.sqlite, time: time) { app in
            try await WebhookReceiver.run(slowFirst: 1) { receiver in
                let created = try await app.owner.post("/api/v1/webhooks", ["url": .string(receiver.url), "events": ["booking.confirmed"]])
                let id = try #require(created.json["id"].string, "\(created.text)")
                _ = try await app.bookedId(app.studio.instant, at: app.opening())

                try await Self.runDueJobs(app.store)
                let afterTimeout = try await app.owner.get("/api/v1/webhooks/\(id)/deliveries").json["items"][0]
                time.advance(by: 7)
                try await Self.runDueJobs(app.store)
                let afterRetry = try await app.owner.get("/api/v1/webhooks/\(id)/deliveries").json["items"][0]

                #expect(afterTimeout["state"] == "pending")
                #expect(afterTimeout["attempts"] == 1)
                #expect(afterTimeout["responseStatus"].isNull)
                #expect(afterTimeout["lastError"].string?.isEmpty == false)
                #expect(afterRetry["state"] == "delivered")
                #expect(afterRetry["attempts"] == 2)
                #expect(await receiver.requests.count == 2)
            }
        }
    }

    // MARK: - Helpers

    static let signatureHeader = HTTPField.Name("Slotline-Signature")!
    static let eventHeader = HTTPField.Name("Slotline-Event")!
    static let eventIdHeader = HTTPField.Name("Slotline-Event-Id")!

    /// Checks `t=<unix>,v1=<hex>` as a subscriber would, with nothing from Slotline: HMAC-SHA256
    /// keyed with the secret over `"<t>.<body>"`, and `t` within five minutes of `now`.
    static func signatureHolds(_ header: String, body: String, secret: String, now: Date) -> Bool {
        var fields: [String: String] = [:]
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        guard let t = fields["t"], let timestamp = Int64(t), let v1 = fields["v1"],
              abs(now.unixSeconds - timestamp) <= 300 else { return false }
        let code = HMAC<SHA256>.authenticationCode(for: Data("\(t).\(body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return code.map { String(format: "%02x", $0) }.joined() == v1
    }

    /// The subscription's secret as the database holds it.
    static func sealedSecret(_ store: Store, subscriptionId: String) async throws -> String {
        try await store.database.read { db in
            guard let row = try await db.raw("SELECT sealed_secret FROM webhook_subscriptions WHERE id = \(bind: subscriptionId)").first() else {
                throw TestFailure("no subscription \(subscriptionId)")
            }
            return try row.decode(column: "sealed_secret", as: String.self)
        }
    }

    /// Runs every due job with the server's handlers, as one worker would, until none is due.
    static func runDueJobs(_ store: Store, settings: ServerSettings = .test) async throws {
        let worker = JobWorker(name: "webhook-tests", queue: store.jobs, handlers: try jobHandlers(store: store, settings: settings),
                               logger: TestDatabase.logger)
        var ran = 0
        while try await worker.runOnce() {
            ran += 1
            guard ran < 1000 else { throw TestFailure("jobs keep making new jobs") }
        }
    }
}

/// A webhook endpoint on 127.0.0.1 at `/hook`: records every request, and answers 500 to the first
/// `refusing` requests or holds the first `slowFirst` longer than the delivery timeout. `/redirect`
/// sends the caller on to `/hook` with a 307.
struct WebhookReceiver: Sendable {
    struct Request: Sendable {
        let headers: HTTPFields
        let body: String
        var json: JSONValue { (try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8))) ?? .null }
    }

    /// What the endpoint received, and how it is told to answer.
    actor Log {
        private(set) var requests: [Request] = []
        private var refusing: Int
        private var slowFirst: Int

        init(refusing: Int, slowFirst: Int) {
            self.refusing = refusing
            self.slowFirst = slowFirst
        }

        /// Records a request and says how to answer it, and after how long.
        func receive(_ request: Request) -> (HTTPResponse.Status, Duration) {
            requests.append(request)
            if slowFirst > 0 {
                slowFirst -= 1
                return (.ok, WebhookReceiver.slowAnswer)
            }
            if refusing > 0 {
                refusing -= 1
                return (.internalServerError, .zero)
            }
            return (.ok, .zero)
        }
    }

    /// Longer than `WebhookDeliveryHandler.timeout` (10 s).
    static let slowAnswer: Duration = .seconds(11)

    let port: Int
    let log: Log

    var url: String { "http://127.0.0.1:\(port)/hook" }

    var requests: [Request] {
        get async { await log.requests }
    }

    /// Starts a receiver on a free port, runs `body` with it, and stops it.
    static func run<T>(refusing: Int = 0, slowFirst: Int = 0, _ body: (WebhookReceiver) async throws -> T) async throws -> T {
        let log = Log(refusing: refusing, slowFirst: slowFirst)
        let router = Router()
        router.post("hook") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            let (status, delay) = await log.receive(Request(headers: request.headers, body: String(buffer: body)))
            if delay > .zero { try? await Task.sleep(for: delay) }
            return Response(status: status)
        }
        router.post("redirect") { _, _ -> Response in
            Response(status: .temporaryRedirect, headers: [.location: "/hook"])
        }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in
                                  portContinuation.yield(channel.localAddress?.port ?? 0)
                                  portContinuation.finish()
                              },
                              logger: TestDatabase.logger)
        let services = ServiceGroup(configuration: .init(services: [app], logger: TestDatabase.logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { portContinuation.finish() }  // a server that fails to start must not leave the test waiting
                try await services.run()
            }
            var portIterator = ports.makeAsyncIterator()
            guard let port = await portIterator.next(), port > 0 else { throw TestFailure("the webhook receiver did not start") }
            do {
                let result = try await body(WebhookReceiver(port: port, log: log))
                await services.triggerGracefulShutdown()
                return result
            } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
        }
    }
}
