import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

@Suite("Practitioners")
struct PractitionerTests {
    @Test("create, list, read and update a practitioner", arguments: TestDatabase.flavors)
    func crud(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let created = try await app.owner.post("/api/v1/practitioners", [
                "name": "Lin", "timeZone": "Asia/Shanghai", "meetingText": "https://zoom.us/j/123",
            ])
            #expect(created.status == .created)
            let id = try #require(created.json["id"].string)

            let updated = try await app.owner.put("/api/v1/practitioners/\(id)", ["name": "Lin Wei", "active": false])
            let read = try await app.owner.get("/api/v1/practitioners/\(id)")
            let list = try await app.owner.get("/api/v1/practitioners")

            #expect(updated.status == .ok)
            #expect(read.json["name"] == "Lin Wei")
            #expect(read.json["timeZone"] == "Asia/Shanghai")
            #expect(read.json["meetingText"] == "https://zoom.us/j/123")
            #expect(read.json["active"] == false)
            #expect(Set(list.json["items"].items.compactMap { $0["id"].string }) == [app.studio.practitioner.id, id])
        }
    }

    @Test("weekly hours and date exceptions decide the public slots", arguments: TestDatabase.flavors)
    func availabilityShapesSlots(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let created = try await app.owner.post("/api/v1/practitioners", ["name": "Kenji", "timeZone": "Asia/Tokyo"])
            let practitionerId = try #require(created.json["id"].string)
            let service = try await app.owner.post("/api/v1/services", [
                "name": "Consultation", "durationMinutes": 60, "practitionerIds": [.string(practitionerId)],
            ])
            let serviceId = try #require(service.json["id"].string)
            let tokyo = WallClock(TimeZone(identifier: "Asia/Tokyo")!)
            let firstDay = WallClock.days(from: tokyo.localDate(of: app.store.time.now())) + 2
            let (normal, closed, short) = (WallClock.date(fromDays: firstDay), WallClock.date(fromDays: firstDay + 1),
                                           WallClock.date(fromDays: firstDay + 2))
            let morning: JSONValue = [["start": "10:00", "end": "12:00"]]
            let weekly = JSONValue.object(Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0.rawValue, morning) }))
            let availability: JSONValue = [
                "weekly": weekly,
                "exceptions": [
                    ["date": .string(closed.description), "ranges": []],
                    ["date": .string(short.description), "ranges": [["start": "14:00", "end": "15:00"]]],
                ],
            ]

            let put = try await app.owner.put("/api/v1/practitioners/\(practitionerId)/availability", availability)
            let slots = try await app.visitor.get("\(app.publicPath)/services/\(serviceId)/slots?" + query([
                "from": rfc3339(tokyo.instant(normal, LocalTime("00:00")!)!),
                "to": rfc3339(tokyo.instant(WallClock.date(fromDays: firstDay + 3), LocalTime("00:00")!)!),
                "timeZone": "Asia/Tokyo",
            ]))

            #expect(put.status == .ok)
            #expect(try await app.owner.get("/api/v1/practitioners/\(practitionerId)/availability").json == availability)
            #expect(slots.status == .ok)
            #expect(slots.json["items"].items.compactMap { $0["startsAt"].string } == [
                "\(normal)T10:00:00+09:00", "\(normal)T11:00:00+09:00", "\(short)T14:00:00+09:00",
            ])
            #expect(slots.json["items"].items.allSatisfy { $0["practitionerId"] == .string(practitionerId) })
        }
    }

    @Test("overlapping ranges in one day are refused with the day as field")
    func overlappingRanges() async throws {
        try await TestApp.run(.sqlite) { app in
            let response = try await app.owner.put("/api/v1/practitioners/\(app.studio.practitioner.id)/availability", [
                "weekly": ["monday": [["start": "09:00", "end": "12:00"], ["start": "11:00", "end": "13:00"]]],
                "exceptions": [],
            ])

            #expect(response.status == .badRequest)
            #expect(response.errorCode == "invalid_parameter")
            #expect(response.errorField == "weekly.monday")
        }
    }
}
