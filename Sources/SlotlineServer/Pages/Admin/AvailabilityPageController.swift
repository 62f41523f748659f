import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// `/admin/{slug}/availability`: a practitioner's settings page (老師設定) — the online meeting
/// tools (connect Zoom, set as default, disconnect, one-click sandbox and Jitsi) and the weekly
/// hours with date exceptions. The rules are `ProviderConnections`' and the catalog's, as in the API.
struct AvailabilityPageController {
    let store: Store
    let desk: Desk
    let staff: StaffPages

    static let weekdayFields = Weekday.allCases.map { "hours_\($0.rawValue)" }
    static let hoursFields = Set(weekdayFields + ["exceptions"])

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("availability", use: page)
        group.post("practitioners/:id/tools/:provider/connect", use: connect)
        group.post("practitioners/:id/tools/:provider/default", use: setDefault)
        group.post("practitioners/:id/tools/:provider/disconnect", use: disconnect)
        group.post("practitioners/:id/hours", use: saveHours)
        group.post("practitioners/:id/profile", use: saveProfile)
    }

    @Sendable func page(request: Request, context: SlotlineContext) async throws -> Response {
        try await render(request, context, practitionerId: request.uri.queryParameters.get("practitioner"), form: nil)
    }

    /// OAuth tools send the browser to the provider; the others connect at once.
    @Sendable func connect(request: Request, context: SlotlineContext) async throws -> Response {
        try await act(request, context) { user, practitioner, provider in
            switch try await desk.connections.start(provider, practitioner: practitioner, by: user) {
            case .authorize(let url): return Pages.redirect(url)
            case .connected: return nil
            }
        }
    }

    @Sendable func setDefault(request: Request, context: SlotlineContext) async throws -> Response {
        try await act(request, context) { user, practitioner, provider in
            try await desk.connections.setDefault(provider, practitioner: practitioner, by: user)
            return nil
        }
    }

    @Sendable func disconnect(request: Request, context: SlotlineContext) async throws -> Response {
        try await act(request, context) { user, practitioner, provider in
            try await desk.connections.disconnect(provider, practitioner: practitioner, by: user)
            return nil
        }
    }

    @Sendable func saveHours(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        let form = try await staff.form(request, context)
        let id = try context.parameters.require("id")
        do {
            var weekly: [Weekday: [TimeRange]] = [:]
            for day in Weekday.allCases {
                let ranges = try HoursText.ranges(form["hours_\(day.rawValue)"] ?? "", field: "hours_\(day.rawValue)")
                if !ranges.isEmpty { weekly[day] = ranges }
            }
            let availability = Availability(weekly: weekly, exceptions: try HoursText.exceptions(form["exceptions"] ?? "", field: "exceptions"))
            _ = try await desk.setAvailability(availability, practitionerId: id, workspaceId: workspace.id)
            return Pages.redirect("/admin/\(workspace.slug)/availability?practitioner=\(id)&done=hours")
        } catch let failure as SlotlineError where failure.code != .internalError {
            let state = FormState(form, failure: failure, language: staff.language(request, context), knownFields: Self.hoursFields)
            return try await render(request, context, practitionerId: id, form: state, status: failure.code.status)
        }
    }

    @Sendable func saveProfile(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        let form = try await staff.form(request, context)
        let id = try context.parameters.require("id")
        do {
            _ = try await desk.updatePractitioner(id: id, PractitionerPagesController.changes(form), workspaceId: workspace.id)
            return Pages.redirect("/admin/\(workspace.slug)/availability?practitioner=\(id)&done=saved")
        } catch let failure as SlotlineError where failure.code != .internalError {
            let state = FormState(form, failure: failure, language: staff.language(request, context),
                                  knownFields: PractitionerPagesController.fieldNames)
            return try await render(request, context, practitionerId: id, form: nil, profile: state, status: failure.code.status)
        }
    }

    /// A tool action: the form's token checked, the caller's right to the practitioner checked by
    /// the desk, then back to the page with what happened.
    private func act(_ request: Request, _ context: SlotlineContext,
                     _ action: (StaffUser, Practitioner, ProviderKind) async throws -> Response?) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        _ = try await staff.form(request, context)
        let practitioner = try await desk.connections.practitioner(id: try context.parameters.require("id"), managedBy: user)
        let provider = ProviderKind(rawValue: try context.parameters.require("provider"))
        let back = "/admin/\(workspace.slug)/availability?practitioner=\(practitioner.id)"
        do {
            if let response = try await action(user, practitioner, provider) { return response }
            return Pages.redirect(back + "&done=tools")
        } catch let failure as SlotlineError where failure.code != .internalError {
            return try await render(request, context, practitionerId: practitioner.id, form: nil, status: failure.code.status,
                                    alert: ErrorMessages.message(for: failure, in: staff.language(request, context)))
        }
    }

    private func render(_ request: Request, _ context: SlotlineContext, practitionerId: String?, form: FormState?,
                        profile: FormState? = nil, status: HTTPResponse.Status = .ok, alert: String? = nil) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        let words = Words(staff.language(request, context))
        // A practitioner's own user sees their own page; owners and admins choose.
        let everyone = try await store.practitioners.list(workspaceId: workspace.id)
        let visible = user.role.canConfigure ? everyone : everyone.filter { $0.id == user.practitionerId }
        guard let practitioner = visible.first(where: { $0.id == practitionerId }) ?? visible.first else {
            return try staff.render("admin-availability", view: AvailabilityView.none(words: words), title: words["page.nav.practitioners"],
                                    section: .availability, request: request, context: context)
        }
        let tools = try await desk.connections.tools(of: practitioner)
        var alert = alert
        if let failed = request.uri.queryParameters.get("failed"), let code = ErrorCode(rawValue: failed) {
            alert = ErrorMessages.message(for: SlotlineError(code, field: request.uri.queryParameters.get("provider")), in: words.language)
        }
        var view = AvailabilityView(practitioner: practitioner, practitioners: visible, tools: tools, workspace: workspace,
                                    canEditHours: user.role.canConfigure, form: form, words: words, csrf: staff.csrf(request))
        if user.role.canConfigure {
            view.profile = PractitionerPagesController.fields(practitioner, form: profile, words: words)
            view.profileAction = "/admin/\(workspace.slug)/practitioners/\(practitioner.id)/profile"
            view.profileError = profile?.error
            view.newHref = "/admin/\(workspace.slug)/practitioners/new"
        }
        return try staff.render("admin-availability", view: view, title: words["page.nav.practitioners"], section: .availability,
                                request: request, context: context, status: status, alert: alert)
    }
}

/// The practitioner settings page: whose it is, their tools and their hours.
struct AvailabilityView {
    struct Tool {
        let provider: String
        let name: String
        let status: String
        let statusClass: String
        let label: String?
        let connected: Bool
        let isDefault: Bool
        let connectLabel: String
        let base: String
    }

    let hasPractitioner: Bool
    let name: String
    let zone: String
    let practitioners: [Option]
    let tools: [Tool]
    let defaultName: String?
    let hours: [HoursDay]
    let exceptions: FormState.Field
    let canEditHours: Bool
    let hoursAction: String
    let csrf: String
    let hoursError: String?
    /// The profile form, for owners and admins.
    var profile: [FieldView] = []
    var profileAction: String?
    var profileError: String?
    var newHref: String?

    struct HoursDay {
        let field: String
        let label: String
        let value: String
        let error: String?
    }

    static func none(words: Words) -> AvailabilityView {
        AvailabilityView(hasPractitioner: false, name: "", zone: "", practitioners: [], tools: [], defaultName: nil, hours: [],
                         exceptions: .init(value: "", error: nil), canEditHours: false, hoursAction: "", csrf: "", hoursError: nil)
    }

    init(hasPractitioner: Bool, name: String, zone: String, practitioners: [Option], tools: [Tool], defaultName: String?, hours: [HoursDay],
         exceptions: FormState.Field, canEditHours: Bool, hoursAction: String, csrf: String, hoursError: String?) {
        self.hasPractitioner = hasPractitioner
        self.name = name
        self.zone = zone
        self.practitioners = practitioners
        self.tools = tools
        self.defaultName = defaultName
        self.hours = hours
        self.exceptions = exceptions
        self.canEditHours = canEditHours
        self.hoursAction = hoursAction
        self.csrf = csrf
        self.hoursError = hoursError
    }

    init(practitioner: Practitioner, practitioners: [Practitioner], tools: ProviderConnections.Tools, workspace: Workspace,
         canEditHours: Bool, form: FormState?, words: Words, csrf: String) {
        let base = "/admin/\(workspace.slug)/practitioners/\(practitioner.id)"
        let shown = Array(Set(tools.available + tools.connections.map(\.provider))).sorted { $0.rawValue < $1.rawValue }
        let toolRows = shown.map { provider -> Tool in
            let connection = tools.connections.first { $0.provider == provider && $0.state != .disconnected }
            let state = connection?.state ?? .disconnected
            return Tool(provider: provider.rawValue, name: provider.displayName, status: words["page.tools.state.\(state.rawValue)"],
                        statusClass: state == .connected ? "confirmed" : state == .needsReconnect ? "pending" : "",
                        label: connection?.label, connected: state == .connected, isDefault: tools.defaultProvider == provider && state == .connected,
                        connectLabel: words[state == .needsReconnect ? "page.tools.reconnect" : "page.tools.connect", with: ["provider": provider.displayName]],
                        base: "\(base)/tools/\(provider.rawValue)")
        }
        var hours: [HoursDay] = []
        let weekdayNames = words["page.hours.weekdays"].split(separator: ",").map(String.init)
        for (index, day) in Weekday.allCases.enumerated() {
            let field = "hours_\(day.rawValue)"
            let typed = form?.child(named: field) as? FormState.Field
            hours.append(HoursDay(field: field, label: weekdayNames[index],
                                  value: typed?.value ?? HoursText.text(practitioner.availability.weekly[day] ?? []), error: typed?.error))
        }
        let typedExceptions = form?.child(named: "exceptions") as? FormState.Field
        self.init(hasPractitioner: true, name: practitioner.name, zone: practitioner.timeZone,
                  practitioners: practitioners.map { Option(value: $0.id, label: $0.name, selected: $0.id == practitioner.id) },
                  tools: toolRows, defaultName: toolRows.first(where: \.isDefault)?.name, hours: hours,
                  exceptions: typedExceptions ?? .init(value: HoursText.text(practitioner.availability.exceptions), error: nil),
                  canEditHours: canEditHours, hoursAction: "\(base)/hours", csrf: csrf, hoursError: form?.error)
    }
}
