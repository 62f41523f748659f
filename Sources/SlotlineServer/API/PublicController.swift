import Foundation
import HTTPTypes
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// `/api/v1/public/{slug}`: what anyone can see and do on a workspace's booking page.
struct PublicController {
    let store: Store
    let desk: Desk

    struct SlotView: Encodable {
        let startsAt: String
        let endsAt: String
        let practitionerId: String
        let seatsLeft: Int
    }

    struct SlotList: ResponseEncodable {
        let timeZone: String
        let items: [SlotView]
    }

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("public/:slug/services", use: services)
        group.get("public/:slug/services/:id/slots", use: slots)
        group.post("public/:slug/bookings", use: submit)
    }

    @Sendable func services(request: Request, context: SlotlineContext) async throws -> ListView<PublicServiceView> {
        let workspace = try await workspace(context)
        let practitioners = try await store.practitioners.list(workspaceId: workspace.id)
        let services = try await store.services.list(workspaceId: workspace.id, activeOnly: true)
        return ListView(items: services.map { PublicServiceView($0, practitioners: practitioners) })
    }

    @Sendable func slots(request: Request, context: SlotlineContext) async throws -> SlotList {
        let workspace = try await workspace(context)
        let query = request.uri.queryParameters
        let zoneName = query.get("timeZone") ?? workspace.timeZone
        let zone = try FieldInput.timeZone(zoneName, field: "timeZone")
        let from = try query.get("from").map { try FieldInput.time($0, field: "from") } ?? store.time.now()
        let to = try query.get("to").map { try FieldInput.time($0, field: "to") } ?? from.addingTimeInterval(14 * 86_400)
        let offered = try await desk.slots.slots(workspaceId: workspace.id, serviceId: try context.parameters.require(),
                                                  practitionerId: query.get("practitionerId"), from: from, to: to)
        // The name as asked: Foundation on Linux renames "UTC" to "GMT".
        return SlotList(timeZone: zoneName, items: offered.map {
            SlotView(startsAt: RFC3339.format($0.slot.start, in: zone), endsAt: RFC3339.format($0.slot.end, in: zone),
                     practitionerId: $0.practitionerId, seatsLeft: $0.slot.seatsLeft)
        })
    }

    /// Submits a booking. A retry with the same `Idempotency-Key` and body gets the same booking back.
    @Sendable func submit(request: Request, context: SlotlineContext) async throws -> EditedResponse<PublicBookingView> {
        let workspace = try await workspace(context)
        let input = try await RequestBody.decode(BookingInput.self, from: request, context: context)
        let booking = try input.newBooking(defaultLanguage: workspace.defaultLanguage)
        var idempotency: IdempotencyKey?
        if let key = request.headers[.idempotencyKey] {
            guard (1...200).contains(key.count) else { throw SlotlineError.invalid("Idempotency-Key", "1–200 characters") }
            // The parsed request is compared, not its bytes: a retry spaced differently is the same request.
            idempotency = IdempotencyKey(key: key, for: booking)
        }
        let submitted = try await desk.bookings.submit(booking, workspaceId: workspace.id, byStaff: false, idempotency: idempotency)
        let view = try await PublicViews(store: store).view(submitted.booking, workspace: workspace, manageToken: submitted.manageToken)
        return EditedResponse(status: submitted.replayed ? .ok : .created, response: view)
    }

    private func workspace(_ context: SlotlineContext) async throws -> Workspace {
        guard let workspace = try await store.workspaces.find(slug: try context.parameters.require("slug")) else {
            throw SlotlineError.notFound("workspace")
        }
        return workspace
    }
}

/// Builds the customer's view of a booking from its service and practitioner.
struct PublicViews {
    let store: Store

    func view(_ booking: Booking, workspace: Workspace? = nil, manageToken: String? = nil) async throws -> PublicBookingView {
        let workspace = if let workspace { workspace } else { try await store.workspaces.find(id: booking.workspaceId) }
        guard let service = try await store.services.find(id: booking.serviceId, workspaceId: booking.workspaceId),
              let practitioner = try await store.practitioners.find(id: booking.practitionerId, workspaceId: booking.workspaceId),
              let workspace else {
            throw SlotlineError.notFound("booking")
        }
        return PublicBookingView(booking, service: service, practitioner: practitioner, workspace: workspace, manageToken: manageToken)
    }
}

extension HTTPField.Name {
    static let idempotencyKey = Self("Idempotency-Key")!
}
