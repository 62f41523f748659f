import Foundation
import SlotlineCore

/// A free start time and who can take it.
public struct OfferedSlot: Sendable, Equatable {
    public var practitionerId: String
    public var slot: Slot
}

/// Free slots of a service, read without locks (the submission re-checks under the lock).
public struct SlotQuery: Sendable {
    let database: Database
    let time: TimeSource

    /// The longest window one query may ask for.
    public static let maximumWindowDays = 62

    public func slots(workspaceId: String, serviceId: String, practitionerId: String?, from: Date, to: Date) async throws -> [OfferedSlot] {
        guard from < to else { throw SlotlineError.invalid("to", "must be after from") }
        guard to.timeIntervalSince(from) <= Double(Self.maximumWindowDays) * 86_400 else {
            throw SlotlineError.invalid("to", "at most \(Self.maximumWindowDays) days after from")
        }
        guard let service = try await Services(database: database).find(id: serviceId, workspaceId: workspaceId), service.active else {
            throw SlotlineError.notFound("serviceId")
        }
        if let practitionerId, !service.practitionerIds.contains(practitionerId) {
            throw SlotlineError.notFound("practitionerId")
        }
        let now = time.now()
        var offered: [OfferedSlot] = []
        for id in practitionerId.map({ [$0] }) ?? service.practitionerIds {
            guard let practitioner = try await Practitioners(database: database).find(id: id, workspaceId: workspaceId),
                  practitioner.active, let zone = TimeZone(identifier: practitioner.timeZone) else { continue }
            let busy = try await Bookings(database: database).busy(practitionerId: id, from: from, to: to, now: now)
            let finder = SlotFinder(availability: practitioner.availability, timeZone: zone, rules: service.slotRules, serviceId: service.id)
            offered += finder.slots(from: from, to: to, now: now, busy: busy).map { OfferedSlot(practitionerId: id, slot: $0) }
        }
        return offered.sorted { ($0.slot.start, $0.practitionerId) < ($1.slot.start, $1.practitionerId) }
    }
}
