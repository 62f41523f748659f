import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

@Suite("Health endpoints")
struct HealthTests {
    @Test("/healthz and /readyz answer 200, /readyz naming the database", arguments: TestDatabase.flavors)
    func health(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let health = try await app.visitor.get("/healthz")
            let ready = try await app.visitor.get("/readyz")

            #expect(health.status == .ok)
            #expect(health.json["status"] == "ok")
            #expect(ready.status == .ok)
            #expect(ready.json["status"] == "ok")
            #expect(ready.json["database"] == .string(flavor.rawValue))
        }
    }
}
