import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

@Suite("Services")
struct ServiceTests {
    @Test("create, read, list and update a service", arguments: TestDatabase.flavors)
    func crud(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let created = try await app.owner.post("/api/v1/services", [
                "name": "Yoga class", "durationMinutes": 45, "capacity": 8, "meetingLinkSource": "service",
                "meetingText": "https://meet.example.com/yoga", "practitionerIds": [.string(app.studio.practitioner.id)],
            ])
            #expect(created.status == .created)
            let id = try #require(created.json["id"].string)

            let updated = try await app.owner.put("/api/v1/services/\(id)", ["name": "Evening yoga", "durationMinutes": 60])
            let read = try await app.owner.get("/api/v1/services/\(id)")
            let list = try await app.owner.get("/api/v1/services")

            #expect(updated.status == .ok)
            #expect(read.json["name"] == "Evening yoga")
            #expect(read.json["durationMinutes"] == 60)
            #expect(read.json["capacity"] == 8)
            #expect(read.json["meetingText"] == "https://meet.example.com/yoga")
            #expect(list.json["items"].items.contains { $0["id"] == .string(id) })
        }
    }

    @Test("a service taking its meetings from the line pool is refused while the workspace has no lines")
    func poolNeedsLines() async throws {
        try await TestApp.run(.sqlite) { app in
            let created = try await app.owner.post("/api/v1/services", ["name": "Consultation", "durationMinutes": 30, "meetingLinkSource": "pool"])
            let moved = try await app.owner.put("/api/v1/services/\(app.studio.instant.id)", ["meetingLinkSource": "pool"])
            let read = try await app.owner.get("/api/v1/services/\(app.studio.instant.id)")

            #expect(created.status == .badRequest)
            #expect(created.errorCode == "invalid_parameter")
            #expect(created.errorField == "meetingLinkSource")
            #expect(moved.status == .badRequest && moved.errorField == "meetingLinkSource")
            #expect(read.json["meetingLinkSource"] == "practitioner", "nothing was changed")
        }
    }

    @Test("a service needs a name and a duration")
    func requiredFields() async throws {
        try await TestApp.run(.sqlite) { app in
            let noDuration = try await app.owner.post("/api/v1/services", ["name": "Quick chat"])
            let noName = try await app.owner.post("/api/v1/services", ["durationMinutes": 30])

            #expect(noDuration.status == .badRequest)
            #expect(noDuration.errorField == "durationMinutes")
            #expect(noName.status == .badRequest)
            #expect(noName.errorField == "name")
        }
    }

    @Test("a deactivated service leaves the public page and offers no slots", arguments: TestDatabase.flavors)
    func deactivate(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let serviceId = app.studio.instant.id
            let before = try await app.visitor.get("\(app.publicPath)/services")

            let put = try await app.owner.put("/api/v1/services/\(serviceId)", ["active": false])
            let after = try await app.visitor.get("\(app.publicPath)/services")
            let slots = try await app.visitor.get("\(app.publicPath)/services/\(serviceId)/slots")

            #expect(put.status == .ok)
            #expect(before.json["items"].items.contains { $0["id"] == .string(serviceId) })
            #expect(!after.json["items"].items.contains { $0["id"] == .string(serviceId) })
            #expect(slots.status == .notFound)
        }
    }
}
