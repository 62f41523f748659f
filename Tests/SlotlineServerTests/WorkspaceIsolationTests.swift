import Foundation
import HTTPTypes
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

@Suite("Workspace isolation")
struct WorkspaceIsolationTests {
    @Test("another workspace's ids answer 404 to every staff call and nothing changes", arguments: TestDatabase.flavors)
    func foreignIds(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let other = try await Studio.create(in: app.store, slug: "other-studio")
            let otherOwner = try await app.staff(role: .owner, in: other.workspace)
            let otherPublic = "/api/v1/public/\(other.workspace.slug)"
            var bookings: [String] = []
            for (hour, service) in [(9, other.instant), (10, other.manual), (11, other.paid)] {
                let response = try await app.visitor.post("\(otherPublic)/bookings", TestApp.bookingBody(service, at: other.opening(hour: hour, after: app.store.time.now())))
                bookings.append(try #require(response.json["id"].string, "\(response.text)"))
            }
            let job = try #require(try await app.store.jobs.list(state: nil, workspaceId: other.workspace.id, limit: 10).first)
            let practitioner = "/api/v1/practitioners/\(other.practitioner.id)"
            let service = "/api/v1/services/\(other.instant.id)"
            let readable = [practitioner, "\(practitioner)/availability", service] + bookings.map { "/api/v1/bookings/\($0)" }
            func snapshot() async throws -> [JSONValue] {
                try await readable.asyncMap { try await otherOwner.get($0).json }
            }
            let before = try await snapshot()
            let newStart: JSONValue = ["startsAt": .string(rfc3339(app.opening(hour: 15)))]
            var calls: [(HTTPRequest.Method, String, JSONValue?)] = readable.map { (.get, $0, nil) }
            calls += [
                (.put, practitioner, ["name": "Taken over", "meetingText": "https://evil.example.com"]),
                (.put, "\(practitioner)/availability", ["weekly": [:], "exceptions": []]),
                (.put, service, ["name": "Taken over", "active": false]),
                (.post, "/api/v1/bookings", TestApp.bookingBody(other.instant, at: app.opening(hour: 16))),
                (.post, "/api/v1/jobs/\(job.id)/retry", nil),
                (.get, "\(app.publicPath)/services/\(other.instant.id)/slots", nil),
            ]
            for booking in bookings {
                for decision in ["accept", "decline", "mark-paid", "cancel", "approve", "reject"] {
                    calls.append((.post, "/api/v1/bookings/\(booking)/\(decision)", nil))
                }
                calls.append((.post, "/api/v1/bookings/\(booking)/reschedule", newStart))
            }

            for (method, path, body) in calls {
                let response = try await app.owner.send(method, path, body: body)
                #expect(response.status == .notFound, "\(method) \(path): \(response.text)")
                #expect(response.errorCode == "not_found", "\(method) \(path)")
            }
            let publicBooking = try await app.visitor.post("\(app.publicPath)/bookings", TestApp.bookingBody(other.instant, at: app.opening(hour: 16)))

            #expect(publicBooking.status == .notFound)
            #expect(calls.count == 33)
            #expect(try await snapshot() == before)
            let ownLists = try await ["/api/v1/practitioners", "/api/v1/services", "/api/v1/bookings?tab=pending",
                                      "/api/v1/bookings?tab=upcoming"].asyncMap { try await app.owner.get($0).text }
            for list in ownLists {
                #expect(!list.contains(other.practitioner.id) && !list.contains(other.instant.id))
                #expect(!bookings.contains { list.contains($0) })
            }
            #expect(try await app.store.bookings.list(workspaceId: app.studio.workspace.id, tab: .upcoming,
                                                      now: app.store.time.now(), limit: 10, offset: 0).isEmpty)
        }
    }
}
