import AsyncHTTPClient
import Foundation
import NIOCore
import SlotlineCore
@testable import SlotlineDesk
import SlotlineNotify
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Testing

/// With `SLOTLINE_WEBHOOK_PRIVATE_ADDRESSES=refuse` (the default) a workspace cannot point a webhook at
/// this machine or its private networks: not by the URL it gives, nor by a name that resolves there.
@Suite("Webhook private addresses")
struct WebhookPrivateAddressTests {
    @Test func theSettingDefaultsToRefuseAndAFlagWins() throws {
        let allowing = ["SLOTLINE_WEBHOOK_PRIVATE_ADDRESSES": "allow"]

        #expect(try Configuration(environment: [:]).webhooksMayReachPrivateAddresses == false)
        #expect(try Configuration(environment: ["SLOTLINE_WEBHOOK_PRIVATE_ADDRESSES": "refuse"]).webhooksMayReachPrivateAddresses == false)
        #expect(try Configuration(environment: allowing).webhooksMayReachPrivateAddresses)
        #expect(try Configuration(environment: allowing, overrides: ["SLOTLINE_WEBHOOK_PRIVATE_ADDRESSES": "refuse"])
            .webhooksMayReachPrivateAddresses == false)
        #expect(try ServerSettings(Configuration(environment: [:]), key: TestDatabase.secretKey).webhooksMayReachPrivateAddresses == false)
        #expect(try ServerSettings(Configuration(environment: allowing), key: TestDatabase.secretKey).webhooksMayReachPrivateAddresses)
    }

    @Test(arguments: ["yes", "true", "Allow", "deny"])
    func aBadValueNamesItsKey(value: String) {
        let error = #expect(throws: SlotlineError.self) {
            try Configuration(environment: ["SLOTLINE_WEBHOOK_PRIVATE_ADDRESSES": value])
        }
        #expect(error?.field == "SLOTLINE_WEBHOOK_PRIVATE_ADDRESSES")
    }

    @Test("a URL on this machine or a private network is refused, and nothing is created",
          arguments: ["http://127.0.0.1:9/x", "http://10.1.2.3/", "http://[::1]/", "http://localhost:8080/", "http://LOCALHOST./",
                      "http://api.localhost/", "http://169.254.169.254/latest/meta-data/", "https://[::ffff:192.168.0.1]/hook",
                      "http://172.16.0.1/", "http://2130706433/", "http://[fe80::1%25eth0]/"])
    func privateURLRefused(_ url: String) async throws {
        try await TestApp.run(.sqlite, settings: .refusingPrivateAddresses) { app in
            let response = try await app.owner.post("/api/v1/webhooks", ["url": .string(url), "events": ["booking.created"]])

            #expect(response.status == .badRequest)
            #expect(response.errorCode == "invalid_parameter")
            #expect(response.errorField == "url")
            #expect(try await app.owner.get("/api/v1/webhooks").json["items"].items.isEmpty)
        }
    }

    @Test("a public URL is accepted; with private addresses allowed, so is one on this machine")
    func publicURLAccepted() async throws {
        try await TestApp.run(.sqlite, settings: .refusingPrivateAddresses) { app in
            let hostName = try await app.owner.post("/api/v1/webhooks", ["url": "https://hooks.example.com/x", "events": ["booking.created"]])
            let publicAddress = try await app.owner.post("/api/v1/webhooks", ["url": "http://172.32.0.1/x", "events": ["booking.created"]])

            #expect(hostName.status == .created)
            #expect(publicAddress.status == .created)
        }
        try await TestApp.run(.sqlite, settings: .test) { app in
            let loopback = try await app.owner.post("/api/v1/webhooks", ["url": "http://127.0.0.1:9/x", "events": ["booking.created"]])

            #expect(loopback.status == .created)
        }
    }

    @Test("a stored endpoint whose name resolves to this machine hears nothing; the delivery fails for good with the reason",
          arguments: TestDatabase.flavors)
    func privateEndpointNotDelivered(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor, settings: .refusingPrivateAddresses) { app in
            try await WebhookReceiver.run { receiver in
                let subscriptionId = try await Self.subscribe(app, url: "http://localhost:\(receiver.port)/hook")
                _ = try await app.bookedId(app.studio.instant, at: app.opening())

                try await WebhookDeliveryTests.runDueJobs(app.store, settings: .refusingPrivateAddresses)

                let log = try await app.owner.get("/api/v1/webhooks/\(subscriptionId)/deliveries").json["items"].items
                let jobs = try await app.store.jobs.list(state: nil, workspaceId: nil).filter { $0.kind == JobKind.webhookDeliver.rawValue }
                let reason = try #require(log.first?["lastError"].string)
                #expect(await receiver.requests.isEmpty)
                #expect(log.count == 1)
                #expect(log.first?["state"] == "failed")
                #expect(log.first?["attempts"] == 1)
                #expect(log.first?["responseStatus"].isNull == true)
                #expect(reason == "the endpoint resolves to a private address 127.0.0.1"
                    || reason == "the endpoint resolves to a private address ::1")
                #expect(jobs.map(\.state) == [.failed])
                #expect(jobs.map(\.attempts) == [1])
                #expect(jobs.first?.lastError == reason)
            }
        }
    }

    @Test("with private addresses allowed, the same stored endpoint hears the event")
    func privateEndpointDeliveredWhenAllowed() async throws {
        try await TestApp.run(.sqlite) { app in
            try await WebhookReceiver.run { receiver in
                let subscriptionId = try await Self.subscribe(app, url: "http://localhost:\(receiver.port)/hook")
                _ = try await app.bookedId(app.studio.instant, at: app.opening())

                try await WebhookDeliveryTests.runDueJobs(app.store)

                let log = try await app.owner.get("/api/v1/webhooks/\(subscriptionId)/deliveries").json["items"].items
                #expect(await receiver.requests.map { $0.json["type"] } == ["booking.created"])
                #expect(log.first?["state"] == "delivered")
            }
        }
    }

    @Test("a delivery connects to the address that was checked, not to a second lookup, and follows no redirect")
    func pinnedClient() async throws {
        try await WebhookReceiver.run { receiver in
            // `.invalid` never resolves (RFC 6761): only the pinned address can be reached.
            let client = WebhookDeliveryHandler.pinnedClient(host: "hooks.invalid", address: try #require(IPAddress("127.0.0.1")))
            do {
                var hook = HTTPClientRequest(url: "http://hooks.invalid:\(receiver.port)/hook")
                hook.method = .POST
                hook.body = .bytes(ByteBuffer(string: "{}"))
                var redirect = hook
                redirect.url = "http://hooks.invalid:\(receiver.port)/redirect"

                let delivered = try await client.execute(hook, timeout: .seconds(5))
                let redirected = try await client.execute(redirect, timeout: .seconds(5))

                #expect(delivered.status == .ok)
                #expect(redirected.status == .temporaryRedirect)
                #expect(await receiver.requests.count == 1)
                try await client.shutdown()
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }

    /// A subscription written straight to the store, as if created while private addresses were allowed.
    static func subscribe(_ app: TestApp, url: String) async throws -> String {
        let subscription = WebhookSubscription(id: Secrets.newID(), workspaceId: app.studio.workspace.id, url: url, events: ["booking.created"],
                                               sealedSecret: try ServerSettings.test.vault.seal("whsec_test"), createdAt: app.store.time.now())
        try await app.store.webhooks.create(subscription)
        return subscription.id
    }
}

extension ServerSettings {
    /// `.test` with the production default: webhooks may not reach private addresses.
    static let refusingPrivateAddresses: ServerSettings = {
        var settings = ServerSettings.test
        settings.webhooksMayReachPrivateAddresses = false
        return settings
    }()
}
