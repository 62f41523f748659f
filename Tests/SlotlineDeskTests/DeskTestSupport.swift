import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport

// The booking use cases over a test store, so each test reads as setup / call / check.

extension Store {
    /// The booking desk over this store (a group-commit queue of its own each time it is asked for).
    var desk: BookingDesk { BookingDesk(store: self) }

    var slots: SlotQuery { SlotQuery(store: self) }

    /// Whether `service` still offers `start` (read the way the public booking page reads it).
    func offers(_ service: Service, at start: Date) async throws -> Bool {
        let offered = try await slots.slots(workspaceId: service.workspaceId, serviceId: service.id, practitionerId: nil,
                                            from: start, to: start.addingTimeInterval(3600))
        return offered.contains { $0.slot.start == start }
    }
}

extension Studio {
    /// A customer's request for one seat of `service` at `start`.
    func request(_ service: Service, at start: Date, customer name: String = "Grace", seats: Int = 1) -> NewBooking {
        NewBooking(serviceId: service.id, practitionerId: practitioner.id, startsAt: start, seats: seats, customer: customer(name))
    }

    /// Books `service` at `start` as a customer would.
    @discardableResult
    func book(_ service: Service, at start: Date, in store: Store, customer name: String = "Grace", seats: Int = 1) async throws -> SubmittedBooking {
        try await store.desk.submit(request(service, at: start, customer: name, seats: seats), workspaceId: workspace.id, byStaff: false)
    }
}
