import Foundation
import SlotlineCore
import SlotlineStore

/// A free start time and who can take it.
public struct OfferedSlot: Sendable, Equatable {
    public var practitionerId: String
    public var slot: Slot
}

/// Free slots of a service, read without locks (the submission re-checks under the lock).
public struct SlotQuery: Sendable {
    let store: Store
    /// Pool services offer only the times a line is free as well.
    let lines: LineAllocator

    public init(store: Store, limits: DurationLimits = DurationLimits()) {
        self.store = store
        lines = LineAllocator(limits: limits)
    }

    /// The longest window one query may ask for.
    public static let maximumWindowDays = 62

    public func slots(workspaceId: String, serviceId: String, practitionerId: String?, from: Date, to: Date) async throws -> [OfferedSlot] {
        guard from < to else { throw SlotlineError.invalid("to", "must be after from") }
        guard to.timeIntervalSince(from) <= Double(Self.maximumWindowDays) * 86_400 else {
            throw SlotlineError.invalid("to", "at most \(Self.maximumWindowDays) days after from")
        }
        let now = store.time.now()
        // Three statements on one connection, however many practitioners offer the service.
        return try await store.read { repositories in
            guard let service = try await repositories.services.find(id: serviceId, workspaceId: workspaceId), service.active else {
                throw SlotlineError.notFound("serviceId")
            }
            if let practitionerId, !service.practitionerIds.contains(practitionerId) {
                throw SlotlineError.notFound("practitionerId")
            }
            let ids = practitionerId.map { [$0] } ?? service.practitionerIds
            let practitioners = try await repositories.practitioners.find(ids: Set(ids))
            let offering = ids.compactMap { practitioners[$0] }.filter { $0.workspaceId == workspaceId && $0.active }
            let busy = try await repositories.bookings.busy(in: offering.map { BusyWindow(practitionerId: $0.id, from: from, to: to) }, now: now)
            var offered: [OfferedSlot] = []
            for practitioner in offering {
                guard let zone = TimeZone(identifier: practitioner.timeZone) else { continue }
                let finder = SlotFinder(availability: practitioner.availability, timeZone: zone, rules: service.slotRules, serviceId: service.id)
                offered += finder.slots(from: from, to: to, now: now, busy: busy[practitioner.id] ?? []).map {
                    OfferedSlot(practitionerId: practitioner.id, slot: $0)
                }
            }
            if service.takesPoolLine {
                let pool = (try? await lines.eligibleLines(workspaceId: workspaceId, minutes: service.durationMinutes, in: repositories)) ?? []
                let duration = Double(service.durationMinutes) * 60
                let plan = try await lines.plan(pool, covering: DateInterval(start: from, end: to.addingTimeInterval(duration)), now: now,
                                                in: repositories)
                offered = offered.filter { plan.line(from: $0.slot.start, to: $0.slot.start.addingTimeInterval(duration)) != nil }
            }
            return offered.sorted { ($0.slot.start, $0.practitionerId) < ($1.slot.start, $1.practitionerId) }
        }
    }
}
