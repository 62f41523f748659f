import Foundation
import HTTPTypes
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

@Suite("Idempotency-Key on public submissions")
struct IdempotencyTests {
    @Test("a retry with the same key and body gets the same booking; a different body is refused",
          arguments: TestDatabase.flavors)
    func retry(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let body = TestApp.bookingBody(app.studio.instant, at: app.opening(hour: 9))
            let other = TestApp.bookingBody(app.studio.instant, at: app.opening(hour: 10))
            let key: HTTPFields = [.idempotencyKey: "checkout-7f3a"]

            let first = try await app.visitor.post("\(app.publicPath)/bookings", body, headers: key)
            let second = try await app.visitor.post("\(app.publicPath)/bookings", body, headers: key)
            let changed = try await app.visitor.post("\(app.publicPath)/bookings", other, headers: key)

            #expect(first.status == .created)
            #expect(second.status == .ok)
            #expect(second.json["id"] == first.json["id"])
            #expect(first.json["id"].string != nil)
            #expect(second.json["manageToken"] == first.json["manageToken"])
            #expect(changed.status == .unprocessableContent)
            #expect(changed.errorCode == "idempotency_conflict")
            #expect(changed.errorField == "Idempotency-Key")
            let stored = try await app.store.bookings.list(workspaceId: app.studio.workspace.id, tab: .upcoming,
                                                           now: app.store.time.now(), limit: 10, offset: 0)
            #expect(stored.map(\.id) == [first.json["id"].string].compactMap { $0 })
        }
    }

    @Test("a retry of the same request written differently (spacing, key order, the start in another zone) is the same request",
          arguments: TestDatabase.flavors)
    func sameRequestOtherBytes(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let start = app.opening(hour: 9)
            let key: HTTPFields = [.idempotencyKey: "checkout-spacing"]
            let customer = #""customer": {"name": "Grace", "email": "grace@example.com", "timeZone": "Europe/London"}"#
            let compact = #"{"serviceId":"\#(app.studio.instant.id)","startsAt":"\#(rfc3339(start))",\#(customer)}"#
            let otherZone = RFC3339.format(start, in: TimeZone(identifier: "Asia/Tokyo")!)
            let spaced = "{\n  \(customer),\n  \"startsAt\" : \"\(otherZone)\",\n  \"serviceId\" : \"\(app.studio.instant.id)\"\n}"

            let first = try await app.visitor.send(.post, "\(app.publicPath)/bookings", raw: compact, headers: key)
            let retry = try await app.visitor.send(.post, "\(app.publicPath)/bookings", raw: spaced, headers: key)

            #expect(first.status == .created, "\(first.text)")
            #expect(retry.status == .ok, "\(retry.text)")
            #expect(retry.json["id"] == first.json["id"])
        }
    }

    @Test("without a key, the same body twice is a second request for a taken slot")
    func withoutKey() async throws {
        try await TestApp.run(.sqlite) { app in
            let body = TestApp.bookingBody(app.studio.instant, at: app.opening())

            let first = try await app.visitor.post("\(app.publicPath)/bookings", body)
            let second = try await app.visitor.post("\(app.publicPath)/bookings", body)

            #expect(first.status == .created)
            #expect(second.status == .conflict)
            #expect(second.errorCode == "slot_unavailable")
        }
    }
}
