import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineNotify
import SlotlineStore

/// `/admin/{slug}/services`: the list, a new service, and a service's page with every field the
/// API has and "Send a test message". Saving goes through the desk's `ServiceChanges`, so the
/// checks and their errors are the API's.
struct ServicePagesController {
    let store: Store
    let desk: Desk
    let staff: StaffPages

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("services", use: list)
        group.get("services/new", use: newService)
        group.post("services/new", use: create)
        group.get("services/:id", use: edit)
        group.post("services/:id", use: update)
        group.post("services/:id/test-message", use: testMessage)
    }

    struct ListView {
        struct Row {
            let name: String
            let href: String
            let facts: String
            let active: Bool
            let warning: String?
        }
        let rows: [Row]
        let canConfigure: Bool
        let newHref: String
    }

    struct EditView {
        let title: String
        let action: String
        let csrf: String
        let fields: [FieldView]
        let error: String?
        let testAction: String?
        let testEmail: String
        let canConfigure: Bool
        let backHref: String
        let warning: String?
        let bookingPage: String?
    }

    @Sendable func list(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        let words = Words(staff.language(request, context))
        let services = try await store.services.list(workspaceId: workspace.id)
        let readiness = try await desk.meetingReadiness(workspaceId: workspace.id)
        let rows = services.map { service in
            ListView.Row(name: service.name, href: "/admin/\(workspace.slug)/services/\(service.id)",
                         facts: [words["page.book.minutes", with: ["minutes": String(service.durationMinutes)]],
                                 words[service.online ? "page.book.online" : "page.book.in_person"], service.priceText]
                            .filter { !$0.isEmpty }.joined(separator: " · "),
                         active: service.active, warning: Self.warning(service, readiness: readiness, words: words))
        }
        return try staff.render("admin-services", view: ListView(rows: rows, canConfigure: user.role.canConfigure,
                                                                  newHref: "/admin/\(workspace.slug)/services/new"),
                                title: words["page.nav.services"], section: .services, request: request, context: context)
    }

    @Sendable func newService(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        let blank = Service(id: "", workspaceId: workspace.id, name: "", durationMinutes: 60)
        return try await render(request, context, service: blank, isNew: true, form: nil)
    }

    @Sendable func create(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        let form = try await staff.form(request, context)
        do {
            let created = try await desk.createService(try Self.changes(form), workspaceId: workspace.id)
            return Pages.redirect("/admin/\(workspace.slug)/services/\(created.id)?done=saved")
        } catch let failure as SlotlineError where failure.code != .internalError {
            let blank = Service(id: "", workspaceId: workspace.id, name: "", durationMinutes: 60)
            return try await render(request, context, service: blank, isNew: true, form: failed(form, failure, request, context),
                                    status: failure.code.status)
        }
    }

    @Sendable func edit(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.caller(context)
        let service = try await desk.service(id: try context.parameters.require("id"), workspaceId: workspace.id)
        return try await render(request, context, service: service, isNew: false, form: nil)
    }

    @Sendable func update(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        let form = try await staff.form(request, context)
        let id = try context.parameters.require("id")
        do {
            _ = try await desk.updateService(id: id, try Self.changes(form), workspaceId: workspace.id)
            return Pages.redirect("/admin/\(workspace.slug)/services/\(id)?done=saved")
        } catch let failure as SlotlineError where failure.code != .internalError {
            let service = try await desk.service(id: id, workspaceId: workspace.id)
            return try await render(request, context, service: service, isNew: false, form: failed(form, failure, request, context),
                                    status: failure.code.status)
        }
    }

    /// The confirmation message of this service, rendered with sample values and put in the outbox
    /// (or sent), addressed to the staff member.
    @Sendable func testMessage(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, workspace) = try staff.configurer(context)
        let form = try await staff.form(request, context)
        let service = try await desk.service(id: try context.parameters.require("id"), workspaceId: workspace.id)
        do {
            let message = try await desk.sendTestMessage(service: service, practitionerId: nil,
                                                         to: MailAddress(name: user.name, address: form["email"] ?? user.email),
                                                         language: staff.language(request, context), workspaceId: workspace.id)
            return Pages.redirect("/admin/\(workspace.slug)/outbox/\(message.id)?done=test_message")
        } catch let failure as SlotlineError where failure.code != .internalError {
            return try await render(request, context, service: service, isNew: false, form: nil, status: failure.code.status,
                                    alert: ErrorMessages.message(for: failure, in: staff.language(request, context)))
        }
    }

    private func failed(_ form: FormData, _ failure: SlotlineError, _ request: Request, _ context: SlotlineContext) -> FormState {
        FormState(form, failure: failure, language: staff.language(request, context), knownFields: Self.fieldNames)
    }

    private func render(_ request: Request, _ context: SlotlineContext, service: Service, isNew: Bool, form: FormState?,
                        status: HTTPResponse.Status = .ok, alert: String? = nil) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        let words = Words(staff.language(request, context))
        let practitioners = try await store.practitioners.list(workspaceId: workspace.id)
        var fields = FormFields(form: form, words: words, prefix: "page.service.field")
        fields.text("name", service.name, required: true)
        fields.textarea("description", service.description)
        fields.number("durationMinutes", service.durationMinutes)
        fields.number("slotIntervalMinutes", service.slotIntervalMinutes)
        fields.number("bufferBeforeMinutes", service.bufferBeforeMinutes)
        fields.number("bufferAfterMinutes", service.bufferAfterMinutes)
        fields.number("minimumNoticeMinutes", service.minimumNoticeMinutes)
        fields.number("maximumAdvanceDays", service.maximumAdvanceDays)
        fields.number("capacity", service.capacity)
        fields.checkboxes("practitionerIds", service.practitionerIds, options: practitioners.map { ($0.id, $0.name) })
        fields.checkbox("requiresConfirmation", service.requiresConfirmation)
        fields.select("changePolicy", service.changePolicy.rawValue,
                      options: ChangePolicy.allCases.map { ($0.rawValue, words["page.service.policy.\($0.rawValue)"]) })
        fields.text("price", service.priceMinor == 0 ? "" : String(service.priceText.split(separator: " ").last ?? ""), placeholder: "0.00")
        fields.text("currency", service.currency)
        fields.checkbox("requiresPayment", service.requiresPayment)
        fields.number("paymentWindowMinutes", service.paymentWindowMinutes)
        fields.checkbox("online", service.online)
        fields.select("meetingLinkSource", service.meetingLinkSource.rawValue,
                      options: MeetingLinkSource.allCases.map { ($0.rawValue, words["page.service.source.\($0.rawValue)"]) })
        fields.textarea("meetingText", service.meetingText)
        fields.textarea("onlineInstructions", service.onlineInstructions)
        fields.text("reminderOffsetsMinutes", service.reminderOffsetsMinutes.map(String.init).joined(separator: ", "), placeholder: "1440, 60")
        fields.checkbox("active", service.active)
        let base = "/admin/\(workspace.slug)/services"
        let readiness = isNew ? nil : try await desk.meetingReadiness(workspaceId: workspace.id)
        let view = EditView(
            title: isNew ? words["page.service.new"] : service.name, action: isNew ? "\(base)/new" : "\(base)/\(service.id)",
            csrf: staff.csrf(request), fields: fields.fields, error: form?.error,
            testAction: isNew ? nil : "\(base)/\(service.id)/test-message", testEmail: user.email,
            canConfigure: user.role.canConfigure, backHref: base,
            warning: readiness.flatMap { Self.warning(service, readiness: $0, words: words) },
            bookingPage: isNew || !service.active ? nil : "/w/\(workspace.slug)/services/\(service.id)")
        return try staff.render("admin-service", view: view, title: view.title, section: .services, request: request, context: context,
                                status: status, alert: alert)
    }

    /// What the service page says when bookings of this service would get no meeting.
    static func warning(_ service: Service, readiness: MeetingReadiness, words: Words) -> String? {
        let names = readiness.practitionersWithoutTool(for: service)
        guard !names.isEmpty else { return nil }
        return words["page.service.no_tool", with: ["names": names.joined(separator: ", ")]]
    }

    static let fieldNames: Set<String> = [
        "name", "description", "durationMinutes", "slotIntervalMinutes", "bufferBeforeMinutes", "bufferAfterMinutes", "minimumNoticeMinutes",
        "maximumAdvanceDays", "capacity", "practitionerIds", "requiresConfirmation", "changePolicy", "price", "priceMinor", "currency",
        "requiresPayment", "paymentWindowMinutes", "online", "meetingLinkSource", "meetingText", "onlineInstructions", "reminderOffsetsMinutes",
        "active",
    ]

    /// The form as the desk's changes: every field is sent, so every field is set.
    static func changes(_ form: FormData) throws -> ServiceChanges {
        var changes = ServiceChanges()
        changes.name = form["name"] ?? ""
        changes.description = form["description"] ?? ""
        changes.durationMinutes = try form.integer("durationMinutes", range: 1...1440)
        changes.slotIntervalMinutes = try form.integer("slotIntervalMinutes", range: 1...1440)
        changes.bufferBeforeMinutes = try form.integer("bufferBeforeMinutes", range: 0...1440) ?? 0
        changes.bufferAfterMinutes = try form.integer("bufferAfterMinutes", range: 0...1440) ?? 0
        changes.minimumNoticeMinutes = try form.integer("minimumNoticeMinutes", range: 0...525_600) ?? 0
        changes.maximumAdvanceDays = try form.integer("maximumAdvanceDays", range: 1...3650)
        changes.capacity = try form.integer("capacity", range: 1...10_000) ?? 1
        changes.practitionerIds = form.all("practitionerIds")
        changes.requiresConfirmation = form.flag("requiresConfirmation")
        changes.changePolicy = try form["changePolicy"].map { text in
            guard let policy = ChangePolicy(rawValue: text) else { throw SlotlineError.invalid("changePolicy") }
            return policy
        }
        changes.priceMinor = try Self.minorUnits(form["price"], field: "price")
        changes.currency = form["currency"]
        changes.requiresPayment = form.flag("requiresPayment")
        changes.paymentWindowMinutes = try form.integer("paymentWindowMinutes", range: 1...10_080)
        changes.online = form.flag("online")
        changes.meetingLinkSource = try form["meetingLinkSource"].map { text in
            guard let source = MeetingLinkSource(rawValue: text) else { throw SlotlineError.invalid("meetingLinkSource") }
            return source
        }
        changes.meetingText = form["meetingText"] ?? ""
        changes.onlineInstructions = form["onlineInstructions"] ?? ""
        changes.reminderOffsetsMinutes = try (form["reminderOffsetsMinutes"] ?? "").split(separator: ",").map { part in
            guard let minutes = Int(part.trimmingCharacters(in: .whitespaces)), minutes > 0 else {
                throw SlotlineError.invalid("reminderOffsetsMinutes", "minutes before the start, e.g. 1440, 60")
            }
            return minutes
        }
        changes.active = form.flag("active")
        return changes
    }

    /// `25`, `25.5`, `25.50` in major units to minor units; empty is free.
    static func minorUnits(_ text: String?, field: String) throws -> Int {
        guard let text, !text.isEmpty else { return 0 }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let major = Int(parts[0]), major >= 0,
              parts.count == 1 || (parts[1].count <= 2 && parts[1].allSatisfy(\.isNumber)) else {
            throw SlotlineError.invalid(field, "an amount such as 25.00")
        }
        let cents = parts.count == 2 ? Int(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0 : 0
        return major * 100 + cents
    }
}
