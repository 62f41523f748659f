import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineNotify
import SlotlineStore

/// `/manage/{token}`: the customer's page for one booking, the link in every message. It shows
/// what the JSON manage view shows (public instructions only, never the private meeting details),
/// takes a reschedule request (a new time picked from the free ones) and a cancellation request.
struct ManagePageController {
    let store: Store
    let desk: Desk
    let pages: Pages

    func addRoutes(to router: Router<SlotlineContext>) {
        router.get("manage/:token", use: page)
        router.get("manage/:token/reschedule", use: reschedulePicker)
        router.get("manage/:token/reschedule/confirm", use: rescheduleForm)
        router.post("manage/:token/reschedule", use: reschedule)
        router.post("manage/:token/cancel", use: cancel)
        router.get("manage/:token/booking.ics", use: calendar)
    }

    struct ManageView {
        let summary: BookingSummary.Page
        let csrf: String
        let form: FormState
    }

    struct PickerView {
        let summary: BookingSummary.Page
        let picker: SlotPicker
    }

    struct ConfirmView {
        let summary: BookingSummary.Page
        let newTime: String
        let startsAt: String
        let csrf: String
        let form: FormState
        let backHref: String
    }

    @Sendable func page(request: Request, context: SlotlineContext) async throws -> Response {
        let (summary, language) = try await load(request, context)
        return render("manage", summary: summary, language: language, request: request) { page in
            ManageView(summary: page, csrf: csrf(summary), form: FormState())
        }
    }

    @Sendable func reschedulePicker(request: Request, context: SlotlineContext) async throws -> Response {
        let (summary, language) = try await load(request, context)
        let booking = summary.booking
        let query = request.uri.queryParameters
        let zoneName = query.get("tz").flatMap { TimeZone(identifier: $0) != nil ? $0 : nil } ?? booking.customer.timeZone
        let zone = TimeZone(identifier: zoneName) ?? TimeZone(identifier: "UTC")!
        let now = store.time.now()
        let day = query.get("day").flatMap { LocalDate(String($0)) }
        let month = SlotPicker.month(query.get("month"), day: day, now: now, zone: zone)
        let range = SlotPicker.range(of: month, zone: zone)
        let slots = try await desk.slots.slots(workspaceId: booking.workspaceId, serviceId: booking.serviceId,
                                               practitionerId: booking.practitionerId, from: max(range.from, now), to: range.to)
            .filter { $0.slot.start != booking.startsAt }
        let base = "/manage/\(summary.manageToken)/reschedule"
        let picker = SlotPicker(
            slots: slots, showsSeats: summary.service.isGroup, month: month, day: day, zone: zone, zoneName: zoneName,
            detectZone: false, now: now, words: Words(language), keep: [],
            link: { base + "?" + Pages.query($0) },
            pick: { base + "/confirm?" + Pages.query(["startsAt": RFC3339.format($0.slot.start, in: zone)]) })
        return render("manage-reschedule", summary: summary, language: language, request: request) { page in
            PickerView(summary: page, picker: picker)
        }
    }

    @Sendable func rescheduleForm(request: Request, context: SlotlineContext) async throws -> Response {
        let (summary, language) = try await load(request, context)
        var form = FormState()
        form["startsAt"] = request.uri.queryParameters.get("startsAt")
        return confirm(summary, language: language, form: form, request: request)
    }

    @Sendable func reschedule(request: Request, context: SlotlineContext) async throws -> Response {
        let (summary, language) = try await load(request, context)
        let form = try await FormData.read(request, context: context)
        do {
            try pages.tokens.check(form[FormToken.field], for: binding(summary), now: store.time.now())
            _ = try await desk.bookings.request(.reschedule, manageToken: summary.manageToken,
                                                startsAt: try FieldInput.time(form["startsAt"], field: "startsAt"), reason: form["reason"] ?? "")
            return Pages.redirect("/manage/\(summary.manageToken)?done=reschedule")
        } catch let failure as SlotlineError where failure.code != .internalError {
            return confirm(summary, language: language, form: FormState(form, failure: failure, language: language, knownFields: ["reason"]),
                           request: request, status: failure.code.status)
        }
    }

    /// A form post from the page: asks to cancel, then shows the page again.
    @Sendable func cancel(request: Request, context: SlotlineContext) async throws -> Response {
        let (summary, language) = try await load(request, context)
        let form = try await FormData.read(request, context: context)
        do {
            try pages.tokens.check(form[FormToken.field], for: binding(summary), now: store.time.now())
            _ = try await desk.bookings.request(.cancel, manageToken: summary.manageToken, startsAt: nil, reason: form["reason"] ?? "")
            return Pages.redirect("/manage/\(summary.manageToken)?done=cancel")
        } catch let failure as SlotlineError where failure.code != .internalError {
            let state = FormState(form, failure: failure, language: language, knownFields: ["reason"])
            return render("manage", summary: summary, language: language, request: request, status: failure.code.status) { page in
                ManageView(summary: page, csrf: csrf(summary), form: state)
            }
        }
    }

    /// The booking as a calendar file for the customer's own calendar.
    @Sendable func calendar(request: Request, context: SlotlineContext) async throws -> Response {
        let (summary, _) = try await load(request, context)
        let text = desk.calendarFile(summary.booking, service: summary.service, practitioner: summary.practitioner,
                                     workspace: summary.workspace, manageToken: summary.manageToken)
        return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"booking-\(summary.booking.reference).ics\""],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private func confirm(_ summary: BookingSummary, language: Language, form: FormState, request: Request,
                         status: HTTPResponse.Status = .ok) -> Response {
        let start = form["startsAt"].flatMap(RFC3339.parse)
        let newTime = start.map {
            MessageTime(language: language, timeZoneIdentifier: summary.booking.customer.timeZone)
                .range($0, $0.addingTimeInterval(summary.booking.endsAt.timeIntervalSince(summary.booking.startsAt)))
        } ?? ""
        return render("manage-confirm", summary: summary, language: language, request: request, status: status) { page in
            ConfirmView(summary: page, newTime: newTime, startsAt: form["startsAt"] ?? "", csrf: csrf(summary), form: form,
                        backHref: page.rescheduleHref)
        }
    }

    private func render(_ template: String, summary: BookingSummary, language: Language, request: Request,
                        status: HTTPResponse.Status = .ok, view: (BookingSummary.Page) -> Any) -> Response {
        let words = Words(language)
        var frame = PageFrame(language: language, title: summary.service.name, path: Pages.path(of: request))
        frame.notice = request.uri.queryParameters.get("done").flatMap { words.has("page.manage.done.\($0)") ? words["page.manage.done.\($0)"] : nil }
        return pages.render(template, view: view(summary.page(words: words)), frame: frame, request: request, status: status)
    }

    private func load(_ request: Request, _ context: SlotlineContext) async throws -> (BookingSummary, Language) {
        let token = try context.parameters.require("token")
        guard let booking = try await store.bookings.find(manageToken: token) else { throw SlotlineError.notFound("booking") }
        let summary = try await BookingSummary.load(booking, manageToken: token, store: store, desk: desk, withHistory: true)
        return (summary, Pages.language(of: request, preferred: booking.customer.language))
    }

    private func binding(_ summary: BookingSummary) -> String { "manage:\(summary.booking.id)" }

    private func csrf(_ summary: BookingSummary) -> String { pages.tokens.issue(for: binding(summary), now: store.time.now()) }
}
