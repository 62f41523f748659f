import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineNotify
import SlotlineStore

/// `/w/{slug}`: the public booking page. Services → a month with the free days → the times of a
/// day in the customer's zone → the form → the result. Plain links and forms; the script only
/// fills in the browser's time zone and keeps an embedding frame the size of the page.
struct BookingPageController {
    let store: Store
    let desk: Desk
    let pages: Pages

    static let formFields: Set<String> = ["customer_name", "customer_email", "customer_phone", "notes"]

    func addRoutes(to router: Router<SlotlineContext>) {
        router.get("w/:slug", use: services)
        router.get("w/:slug/services/:service", use: times)
        router.get("w/:slug/services/:service/book", use: form)
        router.post("w/:slug/services/:service/book", use: book)
        router.get("w/:slug/done/:token", use: done)
    }

    @Sendable func services(request: Request, context: SlotlineContext) async throws -> Response {
        let workspace = try await workspace(context)
        let language = Pages.language(of: request, fallback: workspace.defaultLanguage)
        let words = Words(language)
        // The zone travels on only once chosen, so the times page can still ask the browser for its own.
        let zone = request.uri.queryParameters.get("tz").map { "?tz=" + Pages.query(String($0)) } ?? ""
        let offered = try await store.services.list(workspaceId: workspace.id, activeOnly: true)
        let cards = offered.map { ServiceCard($0, words: words, href: "/w/\(workspace.slug)/services/\($0.id)" + zone) }
        let view = ServicesView(workspaceName: workspace.name, services: cards, hasServices: !cards.isEmpty)
        return pages.render("book-services", view: view, frame: frame(request, language, title: workspace.name), request: request)
    }

    @Sendable func times(request: Request, context: SlotlineContext) async throws -> Response {
        let workspace = try await workspace(context)
        let service = try await service(context, workspace: workspace)
        let language = Pages.language(of: request, fallback: workspace.defaultLanguage)
        let words = Words(language)
        let query = request.uri.queryParameters
        let zoneName = Self.zoneName(request, workspace: workspace)
        let zone = TimeZone(identifier: zoneName)!
        let now = store.time.now()
        let day = query.get("day").flatMap { LocalDate(String($0)) }
        let month = SlotPicker.month(query.get("month"), day: day, now: now, zone: zone)
        let range = SlotPicker.range(of: month, zone: zone)
        // With several practitioners the customer may choose one; "anyone" books the first who is free.
        let practitioners = try await store.practitioners.list(workspaceId: workspace.id)
            .filter { service.practitionerIds.contains($0.id) && $0.active }
        let chosen = query.get("practitioner").flatMap { id in practitioners.first { $0.id == id } }
        let slots = try await desk.slots.slots(workspaceId: workspace.id, serviceId: service.id, practitionerId: chosen?.id,
                                               from: max(range.from, now), to: range.to)
        let base = "/w/\(workspace.slug)/services/\(service.id)"
        let with = chosen.map { ["practitioner": $0.id] } ?? [:]
        let picker = SlotPicker(
            slots: slots, showsSeats: service.isGroup, month: month, day: day, zone: zone, zoneName: zoneName,
            detectZone: query.get("tz") == nil, now: now, words: words,
            keep: chosen.map { [SlotPicker.KeptField(name: "practitioner", value: $0.id)] } ?? [],
            link: { base + "?" + Pages.query($0.merging(with) { first, _ in first }) },
            pick: { base + "/book?" + Pages.query(["startsAt": RFC3339.format($0.slot.start, in: zone), "tz": zoneName]
                    .merging(chosen.map { ["practitionerId": $0.id] } ?? [:]) { first, _ in first }) })
        let choices = practitioners.count < 2 ? [] : [PractitionerChoice(name: words["page.book.anyone"], href: base + "?" + Pages.query(["tz": zoneName]),
                                                                          current: chosen == nil)]
            + practitioners.map { PractitionerChoice(name: $0.name, href: base + "?" + Pages.query(["tz": zoneName, "practitioner": $0.id]),
                                                     current: $0.id == chosen?.id) }
        let view = TimesView(service: ServiceCard(service, words: words, href: base), picker: picker, practitioners: choices,
                             backHref: "/w/\(workspace.slug)?tz=\(Pages.query(zoneName))")
        return pages.render("book-times", view: view, frame: frame(request, language, title: service.name), request: request)
    }

    @Sendable func form(request: Request, context: SlotlineContext) async throws -> Response {
        let workspace = try await workspace(context)
        let service = try await service(context, workspace: workspace)
        let language = Pages.language(of: request, fallback: workspace.defaultLanguage)
        var values = FormState()
        values["startsAt"] = request.uri.queryParameters.get("startsAt")
        values["practitionerId"] = request.uri.queryParameters.get("practitionerId")
        values["tz"] = Self.zoneName(request, workspace: workspace)
        // One key per form shown: a second click of the same form books once.
        values["idempotencyKey"] = Secrets.newID()
        return try await renderForm(request, workspace: workspace, service: service, language: language, form: values)
    }

    @Sendable func book(request: Request, context: SlotlineContext) async throws -> Response {
        let workspace = try await workspace(context)
        let service = try await service(context, workspace: workspace)
        let form = try await FormData.read(request, context: context)
        let language = form["lang"].flatMap(Language.init(rawValue:)) ?? Pages.language(of: request, fallback: workspace.defaultLanguage)
        do {
            try pages.tokens.check(form[FormToken.field], for: Self.formBinding(workspace), now: store.time.now())
            _ = try FieldInput.timeZone(form["tz"] ?? workspace.timeZone, field: "tz")
            let booking = NewBooking(
                serviceId: service.id, practitionerId: form["practitionerId"],
                startsAt: try FieldInput.time(form["startsAt"], field: "startsAt"),
                customer: Customer(name: form["customer_name"] ?? "", email: form["customer_email"] ?? "", phone: form["customer_phone"] ?? "",
                                   language: language, timeZone: form["tz"] ?? workspace.timeZone),
                notes: form["notes"] ?? "")
            let idempotency = form["idempotencyKey"].map { IdempotencyKey(key: "page:" + $0, for: booking) }
            let submitted = try await desk.bookings.submit(booking, workspaceId: workspace.id, byStaff: false, idempotency: idempotency)
            return Pages.redirect("/w/\(workspace.slug)/done/\(submitted.manageToken)")
        } catch let failure as SlotlineError where failure.code != .internalError {
            let state = FormState(form, failure: failure, language: language, knownFields: Self.formFields)
            return try await renderForm(request, workspace: workspace, service: service, language: language, form: state,
                                        status: failure.code.status)
        }
    }

    /// The result: what happens next for the booking's state, with the manage page and the calendar file.
    @Sendable func done(request: Request, context: SlotlineContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard let booking = try await store.bookings.find(manageToken: token) else { throw SlotlineError.notFound("booking") }
        let view = try await BookingSummary.load(booking, manageToken: token, store: store)
        let language = Pages.language(of: request, preferred: booking.customer.language)
        return pages.render("book-done", view: view.page(words: Words(language)),
                            frame: frame(request, language, title: view.service.name), request: request)
    }

    private func renderForm(_ request: Request, workspace: Workspace, service: Service, language: Language, form: FormState,
                            status: HTTPResponse.Status = .ok) async throws -> Response {
        let words = Words(language)
        let zoneName = form["tz"].flatMap { TimeZone(identifier: $0) != nil ? $0 : nil } ?? workspace.timeZone
        let start = form["startsAt"].flatMap { RFC3339.parse($0) }
        let when = start.map {
            MessageTime(language: language, timeZoneIdentifier: zoneName).range($0, $0.addingTimeInterval(Double(service.durationMinutes) * 60))
        }
        let base = "/w/\(workspace.slug)/services/\(service.id)"
        var back = ["tz": zoneName]
        back["practitioner"] = form["practitionerId"]
        back["day"] = start.map { WallClock(TimeZone(identifier: zoneName)!).localDate(of: $0).description }
        let view = BookFormView(service: ServiceCard(service, words: words, href: base), when: when ?? "", form: form,
                                action: base + "/book", csrf: pages.tokens.issue(for: Self.formBinding(workspace), now: store.time.now()),
                                lang: language.rawValue,
                                backHref: base + "?" + Pages.query(back))
        return pages.render("book-form", view: view, frame: frame(request, language, title: service.name), request: request, status: status)
    }

    private func frame(_ request: Request, _ language: Language, title: String) -> PageFrame {
        var frame = PageFrame(language: language, title: title, path: Pages.path(of: request))
        frame.embeddable = true
        return frame
    }

    /// Public forms are bound to their workspace: a token of one studio's page is no good on another's.
    static func formBinding(_ workspace: Workspace) -> String { "book:\(workspace.id)" }

    /// `?tz=` if it names a zone, else the studio's.
    static func zoneName(_ request: Request, workspace: Workspace) -> String {
        if let asked = request.uri.queryParameters.get("tz"), TimeZone(identifier: asked) != nil { return asked }
        return workspace.timeZone
    }

    private func workspace(_ context: SlotlineContext) async throws -> Workspace {
        guard let workspace = try await store.workspaces.find(slug: try context.parameters.require("slug")) else {
            throw SlotlineError.notFound("workspace")
        }
        return workspace
    }

    private func service(_ context: SlotlineContext, workspace: Workspace) async throws -> Service {
        guard let service = try await store.services.find(id: try context.parameters.require("service"), workspaceId: workspace.id),
              service.active else {
            throw SlotlineError.notFound("service")
        }
        return service
    }
}
