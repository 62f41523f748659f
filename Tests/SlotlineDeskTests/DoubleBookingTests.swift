import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore
import SlotlineTestSupport
import Testing

/// Many customers racing for one slot: the store sells exactly the seats there are, on SQLite and
/// on PostgreSQL with two replicas (two pools) on one database.
@Suite struct DoubleBookingTests {
    /// Submits `count` bookings for `service` at `start` at once, spread over `stores`; returns the
    /// bookings made and the error codes of the refused ones. Any other error fails the test.
    func race(_ count: Int, for service: Service, at start: Date, studio: Studio,
              stores: [Store]) async throws -> (booked: [Booking], refused: [ErrorCode]) {
        try await withThrowingTaskGroup(of: Result<Booking, SlotlineError>.self) { group in
            for index in 0..<count {
                let store = stores[index % stores.count]
                group.addTask {
                    do {
                        return .success(try await studio.book(service, at: start, in: store, customer: "Customer\(index)").booking)
                    } catch let error as SlotlineError {
                        return .failure(error)
                    }
                }
            }
            var booked: [Booking] = [], refused: [ErrorCode] = []
            for try await result in group {
                switch result {
                case let .success(booking): booked.append(booking)
                case let .failure(error): refused.append(error.code)
                }
            }
            return (booked, refused)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func fiftyCustomersForOneSlotMakeOneBooking(flavor: SQLFlavor) async throws {
        let time = testClock()
        try await withReplicas(flavor, time: time) { stores in
            let studio = try await Studio.create(in: stores[0])

            let (booked, refused) = try await race(50, for: studio.instant, at: studio.opening(after: time.now()),
                                                   studio: studio, stores: stores)

            #expect(booked.count == 1)
            #expect(refused == Array(repeating: .slotUnavailable, count: 49))
            #expect(try await stores[0].count("bookings") == 1)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func fiftyCustomersForAGroupOfFiveMakeFiveBookings(flavor: SQLFlavor) async throws {
        let time = testClock()
        try await withReplicas(flavor, time: time) { stores in
            let studio = try await Studio.create(in: stores[0])

            let (booked, refused) = try await race(50, for: studio.group, at: studio.opening(after: time.now()),
                                                   studio: studio, stores: stores)

            #expect(booked.count == 5)
            #expect(refused == Array(repeating: .slotUnavailable, count: 45))
            #expect(try await stores[0].count("bookings") == 5)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func fiftyPaidHoldsForOneSlotWriteOneExpiryJob(flavor: SQLFlavor) async throws {
        let time = testClock()
        try await withReplicas(flavor, time: time) { stores in
            let studio = try await Studio.create(in: stores[0])

            let (booked, _) = try await race(50, for: studio.paid, at: studio.opening(after: time.now()),
                                             studio: studio, stores: stores)

            #expect(booked.count == 1)
            #expect(try await stores[0].count("bookings") == 1)
            #expect(try await stores[0].countJobs(JobKind.bookingExpire.rawValue) == 1)
            #expect(try await stores[0].countJobs(JobKind.bookingEvent.rawValue) == 1)
        }
    }

    /// Customers who let Slotline pick the practitioner, through two services that list the same two
    /// practitioners in opposite orders: each practitioner is booked once, and no transaction
    /// deadlocks on the other's lock (PostgreSQL locks the candidates in id order).
    @Test(arguments: TestDatabase.flavors)
    func fiftyCustomersForAnyOfTwoPractitionersMakeTwoBookings(flavor: SQLFlavor) async throws {
        let time = testClock()
        try await withReplicas(flavor, time: time) { stores in
            let studio = try await Studio.create(in: stores[0])
            var second = studio.practitioner
            second.id = Secrets.newID()
            second.name = "Bea"
            try await stores[0].practitioners.save(second, now: time.now())
            let forward = try await studio.addService("Forward", in: stores[0]) { $0.practitionerIds = [studio.practitioner.id, second.id] }
            let backward = try await studio.addService("Backward", in: stores[0]) { $0.practitionerIds = [second.id, studio.practitioner.id] }
            let start = studio.opening(after: time.now())

            let outcomes = try await withThrowingTaskGroup(of: Result<Booking, SlotlineError>.self) { group in
                for index in 0..<50 {
                    let store = stores[index % stores.count], service = index.isMultiple(of: 2) ? forward : backward
                    group.addTask {
                        do {
                            let request = NewBooking(serviceId: service.id, practitionerId: nil, startsAt: start, customer: studio.customer("C\(index)"))
                            return .success(try await store.desk.submit(request, workspaceId: studio.workspace.id, byStaff: false).booking)
                        } catch let error as SlotlineError {
                            return .failure(error)
                        }
                    }
                }
                return try await group.reduce(into: [Result<Booking, SlotlineError>]()) { $0.append($1) }
            }

            let booked = outcomes.compactMap { try? $0.get() }
            #expect(Set(booked.map(\.practitionerId)) == [studio.practitioner.id, second.id])
            #expect(booked.count == 2)
            #expect(outcomes.filter { if case .failure(let error) = $0 { error.code == .slotUnavailable } else { false } }.count == 48)
            #expect(try await stores[0].count("bookings") == 2)
        }
    }
}
