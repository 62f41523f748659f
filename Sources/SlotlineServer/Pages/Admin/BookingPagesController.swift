import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineNotify
import SlotlineStore

/// `/admin/{slug}/bookings`: the tabs with their counts, a booking's page with its private meeting
/// details and every decision the API offers, and the staff's reschedule. Each action calls the
/// same desk function as the API, so the rules and their errors are the same.
struct BookingPagesController {
    let store: Store
    let desk: Desk
    let staff: StaffPages

    static let pageSize = 50

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("bookings", use: list)
        group.get("bookings/new", use: newBooking)
        group.post("bookings/new", use: create)
        group.get("bookings/:id", use: detail)
        group.get("bookings/:id/reschedule", use: reschedulePage)
        group.post("bookings/:id/reschedule", use: reschedule)
        for decision in StaffDecision.allCases {
            group.post("bookings/:id/\(decision.rawValue)") { request, context in
                try await decide(decision, request: request, context: context)
            }
        }
    }

    @Sendable func list(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.caller(context)
        let words = Words(staff.language(request, context))
        let query = request.uri.queryParameters
        let tab = query.get("tab").flatMap(BookingTab.init(rawValue:)) ?? .upcoming
        let page = max(1, Int(query.get("page") ?? "") ?? 1)
        let zone = TimeZone(identifier: workspace.timeZone) ?? TimeZone(identifier: "UTC")!
        let filter = BookingFilter(practitionerId: query.get("practitioner").flatMap { $0.isEmpty ? nil : $0 },
                                   serviceId: query.get("service").flatMap { $0.isEmpty ? nil : $0 },
                                   from: query.get("from").flatMap { LocalDate($0) }.flatMap { WallClock(zone).instant($0, LocalTime(minutes: 0)!) },
                                   to: query.get("to").flatMap { LocalDate($0) }
                                       .flatMap { WallClock(zone).instant(WallClock.date(fromDays: WallClock.days(from: $0) + 1), LocalTime(minutes: 0)!) })
        let now = store.time.now()
        // Four statements on one connection: the page waits for one checkout instead of four.
        let (counts, bookings, services, practitioners) = try await store.read { read in
            (try await read.bookings.counts(workspaceId: workspace.id, now: now, filter: filter),
             try await read.bookings.list(workspaceId: workspace.id, tab: tab, now: now, limit: Self.pageSize + 1,
                                          offset: (page - 1) * Self.pageSize, filter: filter),
             try await read.services.list(workspaceId: workspace.id),
             try await read.practitioners.list(workspaceId: workspace.id))
        }
        let view = BookingListView(
            tab: tab, page: page, counts: counts, bookings: Array(bookings.prefix(Self.pageSize)), hasMore: bookings.count > Self.pageSize,
            services: services, practitioners: practitioners, workspace: workspace, words: words, query: query)
        return try staff.render("admin-bookings", view: view, title: words["page.nav.bookings"], section: .bookings,
                                request: request, context: context)
    }

    @Sendable func newBooking(request: Request, context: SlotlineContext) async throws -> Response {
        try await renderNew(request, context, form: nil)
    }

    /// A booking staff make for a customer (on the phone, at the desk): the same checks as the
    /// customer's, without the notice and window rules the booking page keeps.
    @Sendable func create(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        let form = try await staff.form(request, context)
        let language = form["customer_language"].flatMap(Language.init(rawValue:)) ?? workspace.defaultLanguage
        do {
            let booking = NewBooking(
                serviceId: form["serviceId"] ?? "", practitionerId: form["practitionerId"],
                startsAt: try FieldInput.time(form["startsAt"], field: "startsAt"),
                customer: Customer(name: form["customer_name"] ?? "", email: form["customer_email"] ?? "", phone: form["customer_phone"] ?? "",
                                   language: language, timeZone: form["customer_timeZone"] ?? workspace.timeZone),
                notes: form["notes"] ?? "")
            _ = try FieldInput.timeZone(booking.customer.timeZone, field: "customer_timeZone")
            let submitted = try await desk.bookings.submit(booking, workspaceId: workspace.id, byStaff: true, staffId: user.id)
            return Pages.redirect("/admin/\(workspace.slug)/bookings/\(submitted.booking.id)?done=created")
        } catch let failure as SlotlineError where failure.code != .internalError {
            let state = FormState(form, failure: failure, language: staff.language(request, context),
                                  knownFields: ["customer_name", "customer_email", "customer_phone", "notes", "customer_timeZone"])
            return try await renderNew(request, context, form: state, status: failure.code.status)
        }
    }

    @Sendable func detail(request: Request, context: SlotlineContext) async throws -> Response {
        try await renderDetail(request, context)
    }

    @Sendable func reschedulePage(request: Request, context: SlotlineContext) async throws -> Response {
        try await renderReschedule(request, context, form: FormState())
    }

    @Sendable func reschedule(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        let form = try await staff.form(request, context)
        let id = try context.parameters.require("id")
        do {
            _ = try await desk.bookings.reschedule(bookingId: id, workspaceId: workspace.id,
                                                   to: try FieldInput.time(form["startsAt"], field: "startsAt"), by: user.id)
            return Pages.redirect("/admin/\(workspace.slug)/bookings/\(id)?done=rescheduled")
        } catch let failure as SlotlineError where failure.code != .internalError {
            var state = FormState(form, failure: failure, language: staff.language(request, context), knownFields: [])
            state["startsAt"] = form["startsAt"]
            return try await renderReschedule(request, context, form: state, status: failure.code.status)
        }
    }

    func decide(_ decision: StaffDecision, request: Request, context: SlotlineContext) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        _ = try await staff.form(request, context)
        let id = try context.parameters.require("id")
        do {
            _ = try await desk.bookings.decide(decision, bookingId: id, workspaceId: workspace.id, by: user.id)
            return Pages.redirect("/admin/\(workspace.slug)/bookings/\(id)?done=\(decision.rawValue)")
        } catch let failure as SlotlineError where failure.code != .internalError {
            let message = ErrorMessages.message(for: failure, in: staff.language(request, context))
            return try await renderDetail(request, context, alert: message, status: failure.code.status)
        }
    }

    private func renderDetail(_ request: Request, _ context: SlotlineContext, alert: String? = nil,
                              status: HTTPResponse.Status = .ok) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        let words = Words(staff.language(request, context))
        let (booking, service, practitioner) = try await load(context, workspace: workspace)
        // The desk decides who may see the private details, and writes each view into the audit log.
        let meeting = try await desk.meetingDetails(of: booking, service: service, viewer: user)
        let messages = try await store.outbox.list(workspaceId: workspace.id, bookingId: booking.id, limit: 50, offset: 0)
        let history = try await store.history.list(bookingId: booking.id, workspaceId: workspace.id)
        let staffUsers = history.contains { $0.staffId != nil } ? try await store.staff.list(workspaceId: workspace.id) : []
        var waitsForTool = false
        if service.online, service.meetingLinkSource == .provider {
            waitsForTool = !(try await desk.meetingReadiness(workspaceId: workspace.id).hasTool(practitionerId: practitioner.id))
        }
        let view = BookingDetailView(booking: booking, service: service, practitioner: practitioner, workspace: workspace,
                                     meeting: meeting, waitsForTool: waitsForTool, messages: messages, history: history, staff: staffUsers,
                                     words: words, csrf: staff.csrf(request))
        return try staff.render("admin-booking", view: view, title: booking.customer.name, section: .bookings,
                                request: request, context: context, status: status, alert: alert)
    }

    private func renderReschedule(_ request: Request, _ context: SlotlineContext, form: FormState,
                                  status: HTTPResponse.Status = .ok) async throws -> Response {
        let (_, workspace) = try staff.caller(context)
        let words = Words(staff.language(request, context))
        let (booking, service, practitioner) = try await load(context, workspace: workspace)
        let query = request.uri.queryParameters
        let zoneName = query.get("tz").flatMap { TimeZone(identifier: $0) != nil ? $0 : nil } ?? workspace.timeZone
        let zone = TimeZone(identifier: zoneName)!
        let now = store.time.now()
        let day = query.get("day").flatMap { LocalDate($0) }
        let month = SlotPicker.month(query.get("month"), day: day, now: now, zone: zone)
        let range = SlotPicker.range(of: month, zone: zone)
        let slots = try await desk.slots.slots(workspaceId: workspace.id, serviceId: service.id, practitionerId: booking.practitionerId,
                                               from: max(range.from, now), to: range.to).filter { $0.slot.start != booking.startsAt }
        let base = "/admin/\(workspace.slug)/bookings/\(booking.id)/reschedule"
        let picker = SlotPicker(
            slots: slots, showsSeats: service.isGroup, month: month, day: day, zone: zone, zoneName: zoneName, detectZone: false,
            now: now, words: words, keep: [], link: { base + "?" + Pages.query($0) },
            pick: { base + "?" + Pages.query(["startsAt": RFC3339.format($0.slot.start, in: zone), "tz": zoneName,
                                                               "day": WallClock(zone).localDate(of: $0.slot.start).description]) })
        let time = MessageTime(language: words.language, timeZoneIdentifier: zoneName)
        let chosen = (form["startsAt"] ?? query.get("startsAt")).flatMap(RFC3339.parse)
        let view = RescheduleView(
            detailHref: "/admin/\(workspace.slug)/bookings/\(booking.id)", action: base, csrf: staff.csrf(request),
            customer: booking.customer.name, service: service.name, practitioner: practitioner.name,
            current: time.range(booking.startsAt, booking.endsAt),
            chosen: chosen.map { time.range($0, $0.addingTimeInterval(booking.endsAt.timeIntervalSince(booking.startsAt))) },
            startsAt: chosen.map { RFC3339.format($0, in: zone) } ?? "", form: form, picker: picker)
        return try staff.render("admin-reschedule", view: view, title: words["page.booking.reschedule"], section: .bookings,
                                request: request, context: context, status: status)
    }

    private func renderNew(_ request: Request, _ context: SlotlineContext, form: FormState?,
                           status: HTTPResponse.Status = .ok) async throws -> Response {
        let (_, workspace) = try staff.caller(context)
        let words = Words(staff.language(request, context))
        let query = request.uri.queryParameters
        let services = try await store.services.list(workspaceId: workspace.id, activeOnly: true)
        let practitioners = try await store.practitioners.list(workspaceId: workspace.id)
        let service = (form?["serviceId"] ?? query.get("service")).flatMap { id in services.first { $0.id == id } }
        let practitioner = (form?["practitionerId"] ?? query.get("practitioner")).flatMap { id in practitioners.first { $0.id == id } }
        let zoneName = query.get("tz").flatMap { TimeZone(identifier: $0) != nil ? $0 : nil } ?? workspace.timeZone
        let zone = TimeZone(identifier: zoneName)!
        let base = "/admin/\(workspace.slug)/bookings/new"
        var picker: SlotPicker?
        var chosen: String?
        let startsAt = form?["startsAt"] ?? query.get("startsAt")
        if let service {
            let now = store.time.now()
            let day = query.get("day").flatMap { LocalDate($0) }
            let month = SlotPicker.month(query.get("month"), day: day, now: now, zone: zone)
            let range = SlotPicker.range(of: month, zone: zone)
            let slots = try await desk.slots.slots(workspaceId: workspace.id, serviceId: service.id, practitionerId: practitioner?.id,
                                                   from: max(range.from, now), to: range.to)
            var keep = ["service": service.id]
            keep["practitioner"] = practitioner?.id
            picker = SlotPicker(
                slots: slots, showsSeats: service.isGroup, month: month, day: day, zone: zone, zoneName: zoneName, detectZone: false, now: now,
                words: words, keep: keep.map { SlotPicker.KeptField(name: $0.key, value: $0.value) },
                link: { base + "?" + Pages.query($0.merging(keep) { first, _ in first }) },
                pick: { base + "?" + Pages.query(keep.merging(["startsAt": RFC3339.format($0.slot.start, in: zone), "tz": zoneName,
                                                                                "day": WallClock(zone).localDate(of: $0.slot.start).description]) { first, _ in first }) })
            chosen = startsAt.flatMap(RFC3339.parse).map {
                MessageTime(language: words.language, timeZoneIdentifier: zoneName).range($0, $0.addingTimeInterval(Double(service.durationMinutes) * 60))
            }
        }
        var customer = FormFields(form: form, words: words, prefix: "page.new_booking.field", idPrefix: "c")
        customer.text("customer_name", "", required: true)
        customer.text("customer_email", "", kind: .email, required: true)
        customer.text("customer_phone", "")
        customer.select("customer_language", workspace.defaultLanguage.rawValue, options: Language.allCases.map { ($0.rawValue, $0.nativeName) })
        customer.select("customer_timeZone", workspace.timeZone, options: SlotPicker.knownZones.map { ($0, $0) })
        customer.textarea("notes", "")
        let view = NewBookingView(
            action: base, csrf: staff.csrf(request),
            services: services.map { Option(value: $0.id, label: $0.name, selected: $0.id == service?.id) },
            practitioners: [Option(value: "", label: words["page.book.anyone"], selected: practitioner == nil)]
                + practitioners.map { Option(value: $0.id, label: $0.name, selected: $0.id == practitioner?.id) },
            picker: picker, chosen: chosen, startsAt: startsAt ?? "", serviceId: service?.id ?? "", practitionerId: practitioner?.id ?? "",
            fields: customer.fields, error: form?.error, backHref: "/admin/\(workspace.slug)/bookings")
        return try staff.render("admin-booking-new", view: view, title: words["page.new_booking.title"], section: .bookings,
                                request: request, context: context, status: status)
    }

    private func load(_ context: SlotlineContext, workspace: Workspace) async throws -> (Booking, Service, Practitioner) {
        guard let booking = try await store.bookings.find(id: try context.parameters.require("id"), workspaceId: workspace.id),
              let service = try await store.services.find(id: booking.serviceId, workspaceId: workspace.id),
              let practitioner = try await store.practitioners.find(id: booking.practitionerId, workspaceId: workspace.id) else {
            throw SlotlineError.notFound("booking")
        }
        return (booking, service, practitioner)
    }
}
