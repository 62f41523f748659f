import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// Measures what the targets name: slot queries against a growing booking table, and
/// booking submissions per second through the domain and the store (conflict check included).
struct BookingBenchmark: Sendable {
    struct Figures: Sendable {
        var bookings: Int
        var inWindow: Int
        var latency: Latency
    }

    let store: Store
    let workspace: Workspace
    let practitioner: Practitioner
    let service: Service
    /// The hour every booked hour is counted from, fixed once: counting from a moving "now" would
    /// let a run that crosses an hour boundary pick hours already taken.
    let origin: Int64

    /// A workspace whose one practitioner works around the clock, and a 60-minute service.
    static func prepare(_ store: Store) async throws -> BookingBenchmark {
        let now = store.time.now()
        let workspace = Workspace(id: Secrets.newID(), slug: "bench-\(Int.random(in: 0..<1_000_000))", name: "Bench", timeZone: "UTC")
        try await store.workspaces.create(workspace, now: now)
        let allDay = [try TimeRange(start: LocalTime(minutes: 0)!, end: LocalTime(minutes: 1440)!)]
        let practitioner = Practitioner(id: Secrets.newID(), workspaceId: workspace.id, name: "Bench", timeZone: "Europe/Berlin",
                                        availability: Availability(weekly: Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, allDay) })))
        try await store.practitioners.save(practitioner, now: now)
        let service = Service(id: Secrets.newID(), workspaceId: workspace.id, name: "Bench", durationMinutes: 60,
                              maximumAdvanceDays: 730, practitionerIds: [practitioner.id])
        try await store.services.save(service, now: now)
        return BookingBenchmark(store: store, workspace: workspace, practitioner: practitioner, service: service,
                                origin: now.unixSeconds / 3600 * 3600)
    }

    /// Adds confirmed bookings on distinct hours spread over ±10 years, in batches, bypassing the
    /// desk (seeding speed is not what is measured).
    func seed(upTo total: Int, existing: Int, hours: inout Set<Int64>) async throws {
        let span: Int64 = 10 * 365 * 24
        var remaining = total - existing
        while remaining > 0 {
            let batch = min(remaining, 500)
            var bookings: [Booking] = []
            while bookings.count < batch {
                let hour = Int64.random(in: -span...span)
                guard hours.insert(hour).inserted else { continue }
                let start = Date(unixSeconds: origin + hour * 3600)
                bookings.append(seedBooking(startingAt: start, createdAt: start))
            }
            try await store.bulkLoad.insert(bookings)
            remaining -= batch
        }
    }

    /// A confirmed one-hour booking of the bench service, for seeding.
    func seedBooking(startingAt start: Date, createdAt: Date) -> Booking {
        Booking(id: Secrets.newID(), workspaceId: workspace.id, serviceId: service.id, practitionerId: practitioner.id, state: .confirmed,
                startsAt: start, endsAt: start.addingTimeInterval(3600), customer: Customer(name: "Seed", email: "seed@example.com", timeZone: "UTC"),
                createdAt: createdAt, updatedAt: createdAt)
    }

    /// Slot listing for the next 60 days, `runs` times.
    func slotQueries(runs: Int, bookings: Int, hours: Set<Int64>) async throws -> Figures {
        let from = Date(unixSeconds: origin)
        let to = from.addingTimeInterval(60 * 86_400)
        let clock = ContinuousClock()
        var durations: [Duration] = []
        for _ in 0..<runs {
            let started = clock.now
            _ = try await SlotQuery(store: store).slots(workspaceId: workspace.id, serviceId: service.id, practitionerId: practitioner.id, from: from, to: to)
            durations.append(clock.now - started)
        }
        let inWindow = hours.filter { $0 >= 0 && $0 < 60 * 24 }.count
        return Figures(bookings: bookings, inWindow: inWindow, latency: Latency(durations))
    }

    /// Confirmed bookings per second through `BookingDesk.submit`, with `concurrency` callers.
    /// The hours booked are added to `hours`, so a later run picks others.
    func submissions(count: Int, concurrency: Int, hours: inout Set<Int64>) async throws -> Double {
        // Only starts the hours offer: the hour repeated when clocks go back is offered once.
        let finder = SlotFinder(availability: practitioner.availability, timeZone: TimeZone(identifier: practitioner.timeZone)!,
                                rules: service.slotRules, serviceId: service.id)
        var free: [Date] = []
        var hour: Int64 = 24
        while free.count < count {
            hour += 1
            let start = Date(unixSeconds: origin + hour * 3600)
            if !hours.contains(hour), (try? finder.check(start: start, now: start, busy: [], enforceWindow: false)) != nil {
                free.append(start)
                hours.insert(hour)
            }
        }
        let clock = ContinuousClock()
        let started = clock.now
        let desk = BookingDesk(store: store)
        let customer = Customer(name: "Bench", email: "bench@example.com", timeZone: "UTC")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<concurrency {
                let mine = stride(from: lane, to: free.count, by: concurrency).map { free[$0] }
                group.addTask { [workspace, service, practitioner] in
                    for start in mine {
                        let booked = try await desk.submit(NewBooking(serviceId: service.id, practitionerId: practitioner.id, startsAt: start,
                                                                      customer: customer), workspaceId: workspace.id, byStaff: true)
                        precondition(booked.booking.state == .confirmed)
                    }
                }
            }
            try await group.waitForAll()
        }
        return Double(count) / (clock.now - started).inSeconds
    }
}
