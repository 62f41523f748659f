import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// `/api/v1/manage/{token}`: the customer's own booking, reached with the secret manage token.
struct ManageController {
    let store: Store
    let desk: Desk

    struct RequestInput: Decodable {
        let startsAt: String?
        let reason: String?
    }

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("manage/:token", use: get)
        group.post("manage/:token/reschedule-request") { request, context in
            try await ask(.reschedule, request: request, context: context)
        }
        group.post("manage/:token/cancel-request") { request, context in
            try await ask(.cancel, request: request, context: context)
        }
    }

    @Sendable func get(request: Request, context: SlotlineContext) async throws -> PublicBookingView {
        guard let booking = try await store.bookings.find(manageToken: try context.parameters.require("token")) else {
            throw SlotlineError.notFound("token")
        }
        return try await PublicViews(store: store).view(booking)
    }

    func ask(_ kind: ChangeRequest.Kind, request: Request, context: SlotlineContext) async throws -> PublicBookingView {
        let input = try await RequestBody.decode(RequestInput.self, from: request, context: context)
        let startsAt = try kind == .reschedule ? FieldInput.time(input.startsAt, field: "startsAt") : nil
        let booking = try await desk.bookings.request(kind, manageToken: try context.parameters.require("token"), startsAt: startsAt,
                                                   reason: input.reason ?? "")
        return try await PublicViews(store: store).view(booking)
    }
}
