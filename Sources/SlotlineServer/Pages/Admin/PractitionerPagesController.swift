import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// A new practitioner, and the profile fields (name, description, time zone, static meeting text,
/// active) the practitioner settings page shows too. Saving goes through the desk's
/// `PractitionerChanges`, as the API's does.
struct PractitionerPagesController {
    let store: Store
    let desk: Desk
    let staff: StaffPages

    static let fieldNames: Set<String> = ["name", "description", "timeZone", "meetingText", "active"]

    struct NewView {
        let action: String
        let csrf: String
        let fields: [FieldView]
        let error: String?
        let backHref: String
    }

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("practitioners/new", use: newPractitioner)
        group.post("practitioners/new", use: create)
    }

    @Sendable func newPractitioner(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        return try renderNew(request, context, workspace: workspace, form: nil)
    }

    @Sendable func create(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        let form = try await staff.form(request, context)
        do {
            let created = try await desk.createPractitioner(Self.changes(form), workspaceId: workspace.id)
            return Pages.redirect("/admin/\(workspace.slug)/availability?practitioner=\(created.id)&done=saved")
        } catch let failure as SlotlineError where failure.code != .internalError {
            return try renderNew(request, context, workspace: workspace, status: failure.code.status,
                                 form: FormState(form, failure: failure, language: staff.language(request, context), knownFields: Self.fieldNames))
        }
    }

    /// The profile fields, saved values or what was typed.
    static func fields(_ practitioner: Practitioner, form: FormState?, words: Words) -> [FieldView] {
        var fields = FormFields(form: form, words: words, prefix: "page.practitioner.field")
        fields.text("name", practitioner.name, required: true)
        fields.textarea("description", practitioner.description)
        fields.select("timeZone", practitioner.timeZone, options: SlotPicker.knownZones.map { ($0, $0) })
        fields.textarea("meetingText", practitioner.meetingText)
        fields.checkbox("active", practitioner.active)
        return fields.fields
    }

    static func changes(_ form: FormData) -> PractitionerChanges {
        var changes = PractitionerChanges()
        changes.name = form["name"] ?? ""
        changes.description = form["description"] ?? ""
        changes.timeZone = form["timeZone"]
        changes.meetingText = form["meetingText"] ?? ""
        changes.active = form.flag("active")
        return changes
    }

    private func renderNew(_ request: Request, _ context: SlotlineContext, workspace: Workspace, status: HTTPResponse.Status = .ok,
                           form: FormState?) throws -> Response {
        let words = Words(staff.language(request, context))
        let blank = Practitioner(id: "", workspaceId: workspace.id, name: "", timeZone: workspace.timeZone)
        let view = NewView(action: "/admin/\(workspace.slug)/practitioners/new", csrf: staff.csrf(request),
                           fields: Self.fields(blank, form: form, words: words), error: form?.error,
                           backHref: "/admin/\(workspace.slug)/availability")
        return try staff.render("admin-practitioner-new", view: view, title: words["page.practitioner.new"], section: .availability,
                                request: request, context: context, status: status)
    }
}
