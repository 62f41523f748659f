import Foundation
import SlotlineCore

/// Setup steps of the notification tests, each failing loudly when the API does not do it.
extension TestApp {
    /// Books `service` from the public page as a customer speaking `language` in `timeZone`; returns the booking id.
    func bookedId(_ service: Service, at start: Date, customer: String, email: String? = nil, language: Language,
                  timeZone: String) async throws -> String {
        let body: JSONValue = [
            "serviceId": .string(service.id),
            "startsAt": .string(rfc3339(start)),
            "customer": [
                "name": .string(customer), "email": .string(email ?? "\(customer.lowercased())@example.com"),
                "language": .string(language.rawValue), "timeZone": .string(timeZone),
            ],
        ]
        let response = try await visitor.post("\(publicPath)/bookings", body)
        guard response.status == .created, let id = response.json["id"].string else {
            throw TestFailure("booking \(service.name) answered \(response.status.code): \(response.text)")
        }
        return id
    }

    /// The owner applies `action` (`accept`, `decline`, `mark-paid`, `cancel`, `reschedule`) to a booking.
    func staffAction(_ action: String, _ bookingId: String, _ body: JSONValue = [:]) async throws {
        let response = try await owner.post("/api/v1/bookings/\(bookingId)/\(action)", body)
        guard response.status == .ok else {
            throw TestFailure("\(action) of \(bookingId) answered \(response.status.code): \(response.text)")
        }
    }

    /// The owner moves a booking to `start`.
    func reschedule(_ bookingId: String, to start: Date) async throws {
        try await staffAction("reschedule", bookingId, ["startsAt": .string(rfc3339(start))])
    }

    /// The email addresses of the studio's staff users that `include` picks.
    func staffEmails(where include: (StaffUser) -> Bool) async throws -> Set<String> {
        Set(try await store.staff.list(workspaceId: studio.workspace.id).filter(include).map(\.email))
    }
}
