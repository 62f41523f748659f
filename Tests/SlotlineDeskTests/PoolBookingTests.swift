import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import Testing

/// Bookings of a service whose meetings come from the pool take a line in the transaction that
/// places them: a time is offered only where a line is free as well as the practitioner, a booking
/// without a free line is refused, video meetings and pool bookings share the lines, and a moved
/// booking keeps its line.
@Suite struct PoolBookingTests {
    struct Setup {
        let studio: Studio
        let second: Practitioner
        let service: Service
        let office: VideoMeetingTests.Office

        static func create(in store: Store, studio existing: Studio? = nil) async throws -> Setup {
            let studio = if let existing { existing } else { try await Studio.create(in: store) }
            var second = studio.practitioner
            second.id = Secrets.newID()
            second.name = "Bo"
            try await store.practitioners.save(second, now: store.time.now())
            let service = try await studio.addService("Pool call", in: store) {
                $0.meetingLinkSource = .pool
                $0.practitionerIds = [studio.practitioner.id, second.id]
            }
            return Setup(studio: studio, second: second, service: service,
                         office: try await VideoMeetingTests.Office.create(in: store, studio: studio, lines: 1))
        }

        func request(_ practitioner: Practitioner, at start: Date, name: String = "Grace") -> NewBooking {
            NewBooking(serviceId: service.id, practitionerId: practitioner.id, startsAt: start, customer: studio.customer(name))
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func aBookingTakesTheLineAndTheNextOneForThatTimeIsRefused(flavor: SQLFlavor) async throws {
        try await withStudio(flavor) { store, studio, time in
            let setup = try await Setup.create(in: store, studio: studio)
            let nine = setup.studio.opening(after: time.now())
            let first = try await store.desk.submit(setup.request(setup.studio.practitioner, at: nine), workspaceId: setup.studio.workspace.id,
                                                    byStaff: false)
            #expect(first.booking.lineId == setup.office.lines[0].id)
            // Bo is free at nine, the pool is not.
            await #expect(throws: SlotlineError(.slotUnavailable, field: "startsAt")) {
                try await store.desk.submit(setup.request(setup.second, at: nine, name: "Hal"), workspaceId: setup.studio.workspace.id, byStaff: false)
            }
            let offered = try await store.slots.slots(workspaceId: setup.studio.workspace.id, serviceId: setup.service.id,
                                                      practitionerId: setup.second.id, from: nine, to: hours(2, after: nine))
            #expect(!offered.contains { $0.slot.start == nine } && offered.contains { $0.slot.start == hours(1, after: nine) })
            await #expect(throws: SlotlineError.self) { try await setup.office.schedule(at: nine) }

            // Cancelled, the booking frees the line for Bo's customer.
            _ = try await store.desk.decide(.cancel, bookingId: first.booking.id, workspaceId: setup.studio.workspace.id)
            let second = try await store.desk.submit(setup.request(setup.second, at: nine, name: "Hal"), workspaceId: setup.studio.workspace.id,
                                                     byStaff: false)
            #expect(second.booking.lineId == setup.office.lines[0].id)

            // A video meeting at ten: the booking cannot move there; at eleven it can, on its line.
            try await setup.office.schedule(at: hours(1, after: nine))
            await #expect(throws: SlotlineError(.slotUnavailable, field: "startsAt")) {
                try await store.desk.reschedule(bookingId: second.booking.id, workspaceId: setup.studio.workspace.id, to: hours(1, after: nine))
            }
            let moved = try await store.desk.reschedule(bookingId: second.booking.id, workspaceId: setup.studio.workspace.id, to: hours(2, after: nine))
            #expect(moved.startsAt == hours(2, after: nine) && moved.lineId == setup.office.lines[0].id)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func customersRacingForTwoPractitionersOverOneLineMakeOneBooking(flavor: SQLFlavor) async throws {
        let time = testClock()
        try await withReplicas(flavor, time: time) { stores in
            let setup = try await Setup.create(in: stores[0])
            let nine = setup.studio.opening(after: time.now())
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<20 {
                    let store = stores[index % stores.count]
                    let practitioner = index % 2 == 0 ? setup.studio.practitioner : setup.second
                    group.addTask {
                        do {
                            _ = try await store.desk.submit(setup.request(practitioner, at: nine, name: "Customer\(index)"),
                                                            workspaceId: setup.studio.workspace.id, byStaff: false)
                            return true
                        } catch let error as SlotlineError where error.code == .slotUnavailable {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await stores[0].count("bookings") == 1)
        }
    }

    @Test func poolMeetingsAreForOneToOneServices() {
        var service = Service(id: "s", workspaceId: "w", name: "Class", durationMinutes: 60, capacity: 5, meetingLinkSource: .pool)
        #expect(throws: SlotlineError.self) { try service.validated() }
        service.capacity = 1
        #expect(throws: Never.self) { try service.validated() }
    }
}
