import Foundation
import SlotlineCore
import SlotlineStore

/// Creating and changing what a workspace offers: practitioners and their hours, and services.
/// Every change is checked by the domain before it is saved.
extension Desk {
    public func createPractitioner(_ changes: PractitionerChanges, workspaceId: String) async throws -> Practitioner {
        let blank = Practitioner(id: Secrets.newID(), workspaceId: workspaceId, name: "", timeZone: "UTC")
        return try await save(try changes.applied(to: blank, creating: true))
    }

    public func updatePractitioner(id: String, _ changes: PractitionerChanges, workspaceId: String) async throws -> Practitioner {
        try await save(try changes.applied(to: try await practitioner(id: id, workspaceId: workspaceId), creating: false))
    }

    public func setAvailability(_ availability: Availability, practitionerId: String, workspaceId: String) async throws -> Practitioner {
        var practitioner = try await practitioner(id: practitionerId, workspaceId: workspaceId)
        practitioner.availability = try availability.validated()
        return try await save(practitioner)
    }

    public func practitioner(id: String, workspaceId: String) async throws -> Practitioner {
        guard let practitioner = try await store.practitioners.find(id: id, workspaceId: workspaceId) else {
            throw SlotlineError.notFound("practitioner")
        }
        return practitioner
    }

    /// A new service needs at least a name and a duration; the rest takes the defaults.
    public func createService(_ changes: ServiceChanges, workspaceId: String) async throws -> Service {
        guard changes.name != nil else { throw SlotlineError.missing("name") }
        guard let duration = changes.durationMinutes else { throw SlotlineError.missing("durationMinutes") }
        let blank = Service(id: Secrets.newID(), workspaceId: workspaceId, name: "", durationMinutes: duration)
        return try await save(try changes.applied(to: blank).validated())
    }

    public func updateService(id: String, _ changes: ServiceChanges, workspaceId: String) async throws -> Service {
        try await save(try changes.applied(to: try await service(id: id, workspaceId: workspaceId)).validated())
    }

    public func service(id: String, workspaceId: String) async throws -> Service {
        guard let service = try await store.services.find(id: id, workspaceId: workspaceId) else { throw SlotlineError.notFound("service") }
        return service
    }

    private func save(_ practitioner: Practitioner) async throws -> Practitioner {
        try await store.practitioners.save(practitioner, now: store.time.now())
        return practitioner
    }

    private func save(_ service: Service) async throws -> Service {
        // A pool service takes each meeting from the workspace's lines. Lines come with the video
        // meeting module; until a workspace has one, such a service would confirm bookings with no meeting.
        if service.online, service.meetingLinkSource == .pool {
            throw SlotlineError.invalid("meetingLinkSource", "pool needs meeting lines, and this workspace has none yet")
        }
        try await store.services.save(service, now: store.time.now())
        return service
    }
}
