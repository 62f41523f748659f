import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// `/api/v1/bookings`: the back office's bookings, by tab, and every staff decision.
struct BookingController {
    let store: Store
    let desk: Desk

    struct Reschedule: Decodable {
        let startsAt: String?
    }

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("bookings", use: list)
        group.post("bookings", use: create)
        group.get("bookings/:id", use: get)
        group.get("bookings/:id/history", use: history)
        group.post("bookings/:id/reschedule", use: reschedule)
        for decision in StaffDecision.allCases {
            group.post("bookings/:id/\(decision.rawValue)") { request, context in
                try await decide(decision, request: request, context: context)
            }
        }
    }

    @Sendable func list(request: Request, context: SlotlineContext) async throws -> ListView<StaffBookingView> {
        let user = try context.requireStaff()
        let query = request.uri.queryParameters
        guard let tab = BookingTab(rawValue: query.get("tab") ?? "upcoming") else {
            throw SlotlineError.invalid("tab", BookingTab.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let limit = try FieldInput.integer(query.get("limit"), field: "limit", range: 1...200, default: 50)
        let offset = try FieldInput.integer(query.get("offset"), field: "offset", range: 0...1_000_000, default: 0)
        let zone = try await viewZone(request, user: user)
        let bookings = try await store.bookings.list(workspaceId: user.workspaceId, tab: tab, now: store.time.now(), limit: limit, offset: offset)
        let services = try await servicesById(user.workspaceId)
        // Lists leave private details out: each view of them is audited, one booking at a time.
        return ListView(items: bookings.map { StaffBookingView($0, service: services[$0.serviceId], meeting: nil, zone: zone) })
    }

    @Sendable func create(request: Request, context: SlotlineContext) async throws -> EditedResponse<StaffBookingView> {
        let user = try context.requireStaff()
        guard let workspace = try await store.workspaces.find(id: user.workspaceId) else { throw SlotlineError.notFound("workspace") }
        let input = try await RequestBody.decode(BookingInput.self, from: request, context: context)
        let zone = try await viewZone(request, user: user)
        let submitted = try await desk.bookings.submit(try input.newBooking(defaultLanguage: workspace.defaultLanguage),
                                                    workspaceId: user.workspaceId, byStaff: true, staffId: user.id)
        return EditedResponse(status: .created, response: try await view(submitted.booking, user: user, zone: zone))
    }

    @Sendable func get(request: Request, context: SlotlineContext) async throws -> StaffBookingView {
        let user = try context.requireStaff()
        guard let booking = try await store.bookings.find(id: try context.parameters.require(), workspaceId: user.workspaceId) else {
            throw SlotlineError.notFound("booking")
        }
        return try await view(booking, user: user, zone: try await viewZone(request, user: user))
    }

    /// The booking's changes, oldest first.
    @Sendable func history(request: Request, context: SlotlineContext) async throws -> ListView<BookingChangeView> {
        let user = try context.requireStaff()
        let id: String = try context.parameters.require()
        guard try await store.bookings.find(id: id, workspaceId: user.workspaceId) != nil else { throw SlotlineError.notFound("booking") }
        let zone = try await viewZone(request, user: user)
        return ListView(items: try await store.history.list(bookingId: id, workspaceId: user.workspaceId).map { BookingChangeView($0, zone: zone) })
    }

    @Sendable func reschedule(request: Request, context: SlotlineContext) async throws -> StaffBookingView {
        let user = try context.requireStaff()
        let input = try await RequestBody.decode(Reschedule.self, from: request, context: context)
        let zone = try await viewZone(request, user: user)
        let booking = try await desk.bookings.reschedule(bookingId: try context.parameters.require(), workspaceId: user.workspaceId,
                                                      to: try FieldInput.time(input.startsAt, field: "startsAt"), by: user.id)
        return try await view(booking, user: user, zone: zone)
    }

    func decide(_ decision: StaffDecision, request: Request, context: SlotlineContext) async throws -> StaffBookingView {
        let user = try context.requireStaff()
        let zone = try await viewZone(request, user: user)
        let booking = try await desk.bookings.decide(decision, bookingId: try context.parameters.require(), workspaceId: user.workspaceId,
                                                   by: user.id)
        return try await view(booking, user: user, zone: zone)
    }

    private func view(_ booking: Booking, user: StaffUser, zone: TimeZone) async throws -> StaffBookingView {
        let service = try await store.services.find(id: booking.serviceId, workspaceId: booking.workspaceId)
        return try await view(booking, service, user: user, zone: zone)
    }

    /// The staff view, with the private meeting details where the desk releases them to this viewer.
    private func view(_ booking: Booking, _ service: Service?, user: StaffUser, zone: TimeZone) async throws -> StaffBookingView {
        var meeting: StaffMeetingDetails?
        if let service { meeting = try await desk.meetingDetails(of: booking, service: service, viewer: user) }
        return StaffBookingView(booking, service: service, meeting: meeting, zone: zone)
    }

    /// Times are shown in `?timeZone=` if given, else in the workspace's zone.
    private func viewZone(_ request: Request, user: StaffUser) async throws -> TimeZone {
        if let identifier = request.uri.queryParameters.get("timeZone") {
            return try FieldInput.timeZone(identifier, field: "timeZone")
        }
        let workspace = try await store.workspaces.find(id: user.workspaceId)
        return workspace.flatMap { TimeZone(identifier: $0.timeZone) } ?? TimeZone(identifier: "UTC")!
    }

    private func servicesById(_ workspaceId: String) async throws -> [String: Service] {
        Dictionary(uniqueKeysWithValues: try await store.services.list(workspaceId: workspaceId).map { ($0.id, $0) })
    }
}
