import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineNotify
import SlotlineStore

/// `/admin/{slug}/settings`, for owners and admins: the workspace (name, slug, time zone, default
/// language, payment instructions, whether the manage page shows the join link), the snippet that
/// embeds the booking page, the staff (invite, role, practitioner, deactivate) and API keys (shown
/// once, revoked).
struct SettingsPagesController {
    let store: Store
    let desk: Desk
    let staff: StaffPages

    static let workspaceFields: Set<String> = ["name", "slug", "timeZone", "defaultLanguage", "paymentInstructions", "manageShowsJoinLink"]
    static let inviteFields: Set<String> = ["name", "email", "role", "practitionerId"]

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("settings", use: page)
        group.post("settings/workspace", use: saveWorkspace)
        group.post("settings/staff", use: invite)
        group.post("settings/staff/:id", use: updateMember)
        group.post("settings/api-keys", use: createKey)
        group.post("settings/api-keys/:id/revoke", use: revokeKey)
    }

    struct MemberRow {
        let id: String
        let name: String
        let email: String
        let action: String
        let roles: [Option]
        let practitioners: [Option]
        let active: Bool
        let isSelf: Bool
    }

    struct KeyRow {
        let name: String
        let owner: String
        let created: String
        let revoked: String?
        let action: String
    }

    struct SettingsView {
        let csrf: String
        let workspaceFields: [FieldView]
        let workspaceError: String?
        let workspaceAction: String
        let embed: String
        let members: [MemberRow]
        let inviteFields: [FieldView]
        let inviteError: String?
        let inviteAction: String
        let keys: [KeyRow]
        let hasKeys: Bool
        let keyAction: String
        let newKey: String?
        let keyError: String?
    }

    @Sendable func page(request: Request, context: SlotlineContext) async throws -> Response {
        try await render(request, context)
    }

    @Sendable func saveWorkspace(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, workspace) = try staff.configurer(context)
        let form = try await staff.form(request, context)
        var changes = WorkspaceChanges()
        changes.name = form["name"] ?? ""
        changes.slug = form["slug"] ?? ""
        changes.timeZone = form["timeZone"]
        changes.defaultLanguage = form["defaultLanguage"].flatMap(Language.init(rawValue:))
        changes.paymentInstructions = form["paymentInstructions"] ?? ""
        changes.manageShowsJoinLink = form.flag("manageShowsJoinLink")
        do {
            let saved = try await desk.updateWorkspace(changes, workspaceId: workspace.id, by: user)
            return Pages.redirect("/admin/\(saved.slug)/settings?done=saved")
        } catch let failure as SlotlineError where failure.code != .internalError {
            return try await render(request, context, status: failure.code.status,
                                    workspaceForm: FormState(form, failure: failure, language: staff.language(request, context),
                                                             knownFields: Self.workspaceFields))
        }
    }

    @Sendable func invite(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, workspace) = try staff.configurer(context)
        let form = try await staff.form(request, context)
        do {
            guard let role = form["role"].flatMap(StaffRole.init(rawValue:)) else { throw SlotlineError.invalid("role") }
            _ = try await desk.staffDirectory.invite(name: form["name"] ?? "", email: form["email"] ?? "", role: role,
                                                     practitionerId: form["practitionerId"], workspace: workspace, by: user)
            return Pages.redirect("/admin/\(workspace.slug)/settings?done=invited")
        } catch let failure as SlotlineError where failure.code != .internalError {
            return try await render(request, context, status: failure.code.status,
                                    inviteForm: FormState(form, failure: failure, language: staff.language(request, context),
                                                          knownFields: Self.inviteFields))
        }
    }

    @Sendable func updateMember(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, workspace) = try staff.configurer(context)
        let form = try await staff.form(request, context)
        do {
            guard let role = form["role"].flatMap(StaffRole.init(rawValue:)) else { throw SlotlineError.invalid("role") }
            // Each member's box has a name of its own: the rows share one page, and boxes of one name read as one group.
            let memberId = try context.parameters.require("id")
            try await desk.staffDirectory.update(memberId: memberId, role: role, practitionerId: form["practitionerId"],
                                                 active: form.flag("active-\(memberId)"), by: user)
            return Pages.redirect("/admin/\(workspace.slug)/settings?done=saved")
        } catch let failure as SlotlineError where failure.code != .internalError {
            return try await render(request, context, status: failure.code.status,
                                    alert: ErrorMessages.message(for: failure, in: staff.language(request, context)))
        }
    }

    @Sendable func createKey(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, _) = try staff.configurer(context)
        let form = try await staff.form(request, context)
        do {
            let name = try FieldInput.text(form["keyName"], field: "keyName", max: 100) ?? "API key"
            let key = try await desk.staffAccess.createAPIKey(for: user, name: name)
            // Shown in this answer only: Slotline keeps its hash.
            return try await render(request, context, newKey: key)
        } catch let failure as SlotlineError where failure.code != .internalError {
            return try await render(request, context, status: failure.code.status,
                                    keyError: ErrorMessages.message(for: failure, in: staff.language(request, context)))
        }
    }

    @Sendable func revokeKey(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        _ = try await staff.form(request, context)
        guard try await store.staff.revokeAPIKey(id: try context.parameters.require("id"), workspaceId: workspace.id, now: store.time.now()) else {
            throw SlotlineError.notFound("apiKey")
        }
        return Pages.redirect("/admin/\(workspace.slug)/settings?done=revoked")
    }

    private func render(_ request: Request, _ context: SlotlineContext, status: HTTPResponse.Status = .ok, workspaceForm: FormState? = nil,
                        inviteForm: FormState? = nil, newKey: String? = nil, keyError: String? = nil, alert: String? = nil) async throws -> Response {
        let (user, workspace) = try staff.configurer(context)
        let words = Words(staff.language(request, context))
        let practitioners = try await store.practitioners.list(workspaceId: workspace.id)
        let members = try await store.staff.list(workspaceId: workspace.id)
        let base = "/admin/\(workspace.slug)/settings"
        var fields = FormFields(form: workspaceForm, words: words, prefix: "page.settings.field")
        fields.text("name", workspace.name, required: true)
        fields.text("slug", workspace.slug, required: true)
        fields.select("timeZone", workspace.timeZone, options: SlotPicker.knownZones.map { ($0, $0) })
        fields.select("defaultLanguage", workspace.defaultLanguage.rawValue, options: Language.allCases.map { ($0.rawValue, $0.nativeName) })
        fields.textarea("paymentInstructions", workspace.paymentInstructions)
        fields.checkbox("manageShowsJoinLink", workspace.manageShowsJoinLink)
        let roles = StaffRole.allCases.filter { $0 != .owner || user.role == .owner }
        var invite = FormFields(form: inviteForm, words: words, prefix: "page.settings.invite", idPrefix: "invite")
        invite.text("name", "", required: true)
        invite.text("email", "", kind: .email, required: true)
        invite.select("role", StaffRole.staff.rawValue, options: roles.map { ($0.rawValue, words["page.settings.role.\($0.rawValue)"]) })
        invite.select("practitionerId", "", options: [("", words["page.settings.no_practitioner"])] + practitioners.map { ($0.id, $0.name) })
        let time = MessageTime(language: words.language, timeZoneIdentifier: workspace.timeZone)
        let names = Dictionary(uniqueKeysWithValues: members.map { ($0.id, $0.name) })
        let keys = try await store.staff.apiKeys(workspaceId: workspace.id).map { key in
            KeyRow(name: key.name, owner: names[key.staffUserId] ?? "", created: time.instant(key.createdAt),
                   revoked: key.revokedAt.map(time.instant), action: "\(base)/api-keys/\(key.id)/revoke")
        }
        let view = SettingsView(
            csrf: staff.csrf(request), workspaceFields: fields.fields, workspaceError: workspaceForm?.error, workspaceAction: "\(base)/workspace",
            embed: Self.embedSnippet(publicURL: desk.settings.publicURL, slug: workspace.slug, title: workspace.name),
            members: members.map { member in
                MemberRow(id: member.id, name: member.name, email: member.email, action: "\(base)/staff/\(member.id)",
                          roles: (member.role == .owner ? StaffRole.allCases : roles).map {
                              Option(value: $0.rawValue, label: words["page.settings.role.\($0.rawValue)"], selected: $0 == member.role) },
                          practitioners: [Option(value: "", label: words["page.settings.no_practitioner"], selected: member.practitionerId == nil)]
                            + practitioners.map { Option(value: $0.id, label: $0.name, selected: $0.id == member.practitionerId) },
                          active: member.active, isSelf: member.id == user.id)
            },
            inviteFields: invite.fields, inviteError: inviteForm?.error, inviteAction: "\(base)/staff",
            keys: keys, hasKeys: !keys.isEmpty, keyAction: "\(base)/api-keys", newKey: newKey, keyError: keyError)
        return try staff.render("admin-settings", view: view, title: words["page.nav.settings"], section: .settings, request: request,
                                context: context, status: status, alert: alert)
    }

    /// The HTML a studio pastes into its own site: the booking page in a frame that `embed.js` keeps
    /// as tall as its content.
    static func embedSnippet(publicURL: String, slug: String, title: String) -> String {
        """
        <iframe src="\(publicURL)/w/\(slug)" title="\(HTML.escaped(title))" data-slotline-embed style="width:100%;min-height:640px;border:0"></iframe>
        <script src="\(publicURL)/embed.js" async></script>
        """
    }
}
