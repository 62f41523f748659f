import Foundation
import SlotlineCore
import SlotlineStore

/// The services and practitioners a set of submissions names, read in the transaction that places
/// them: two statements for the whole group, and nothing read goes stale before the bookings commit.
struct Catalog: Sendable {
    var services: [String: Service]
    var practitioners: [String: Practitioner]

    static func read(for submissions: [PreparedSubmission], in tx: Repositories) async throws -> Catalog {
        let services = try await tx.services.find(ids: Set(submissions.map(\.request.serviceId)))
        let wanted = Set(services.values.flatMap(\.practitionerIds)).union(submissions.compactMap(\.request.practitionerId))
        return Catalog(services: services, practitioners: try await tx.practitioners.find(ids: wanted))
    }

    /// The service a submission books and the practitioners who may take it, in the service's order.
    func offer(for submission: PreparedSubmission) throws -> (service: Service, candidates: [Practitioner]) {
        let request = submission.request
        guard let service = services[request.serviceId], service.workspaceId == submission.workspaceId, service.active else {
            throw SlotlineError.notFound("serviceId")
        }
        guard (1...service.capacity).contains(request.seats) else { throw SlotlineError.invalid("seats", "1–\(service.capacity)") }
        if let wanted = request.practitionerId, !service.practitionerIds.contains(wanted) {
            throw SlotlineError.invalid("practitionerId", "does not offer this service")
        }
        let candidates = (request.practitionerId.map { [$0] } ?? service.practitionerIds).compactMap { practitioners[$0] }
            .filter { $0.active && $0.workspaceId == submission.workspaceId }
        return (service, candidates)
    }
}
