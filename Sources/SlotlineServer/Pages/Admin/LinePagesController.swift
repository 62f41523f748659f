import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineMeetings
import SlotlineStore

/// `/admin/{slug}/lines`: the pool of meeting accounts, for owners and admins: add a line, set its
/// capacity, put it in maintenance. Saves through the desk's `LinePool`, as the API does.
struct LinePagesController {
    let store: Store
    let desk: Desk
    let staff: StaffPages

    struct Row {
        let action: String
        let label: String
        let provider: String
        let fields: [FieldView]
        let state: String
        let stateClass: String
        let error: String?
    }

    struct Connectable {
        let action: String
        let label: String
    }

    struct ListView {
        let rows: [Row]
        let hasRows: Bool
        let addAction: String
        let addFields: [FieldView]
        let addError: String?
        /// Providers whose accounts are connected by OAuth as lines ("Connect a Zoom account").
        let connectable: [Connectable]
        /// Whether a Zoom Server-to-Server app's licensed users can be added as lines.
        let offersZoom: Bool
        let zoomFields: [FieldView]
        let hasZoomUsers: Bool
        let zoomError: String?
        let csrf: String
    }

    static let fieldNames: Set<String> = ["provider", "label", "capacity", "state", "connectionId", "hostUserId"]

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("lines", use: list)
        group.post("lines", use: add)
        group.post("lines/:id", use: update)
        group.post("lines/connect/:provider", use: connect)
    }

    @Sendable func list(request: Request, context: SlotlineContext) async throws -> Response {
        try await render(request, context)
    }

    @Sendable func add(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        let form = try await staff.form(request, context)
        do {
            _ = try await desk.lines.add(try Self.changes(form, new: true), workspaceId: workspace.id)
            return Pages.redirect("/admin/\(workspace.slug)/lines?done=line_added")
        } catch let failure as SlotlineError where failure.code != .internalError {
            return try await render(request, context, status: failure.code.status, adding: self.state(form, failure, request, context),
                                    addingZoomUser: form["hostUserId"] != nil)
        }
    }

    /// "Connect a Zoom account": off to the provider to authorize; the callback makes the line.
    @Sendable func connect(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, _) = try staff.configurer(context)
        _ = try await staff.form(request, context)
        let provider = ProviderKind(rawValue: try context.parameters.require("provider"))
        return Pages.redirect(try await desk.connections.startLine(provider, by: user))
    }

    @Sendable func update(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        let id: String = try context.parameters.require()
        let form = try await staff.form(request, context)
        do {
            _ = try await desk.lines.update(id: id, try Self.changes(form, new: false), workspaceId: workspace.id)
            return Pages.redirect("/admin/\(workspace.slug)/lines?done=line_saved")
        } catch let failure as SlotlineError where failure.code != .internalError && failure.code != .notFound {
            return try await render(request, context, status: failure.code.status, editing: (id, self.state(form, failure, request, context)))
        }
    }

    private func state(_ form: FormData, _ failure: SlotlineError, _ request: Request, _ context: SlotlineContext) -> FormState {
        FormState(form, failure: failure, language: staff.language(request, context), knownFields: Self.fieldNames)
    }

    static func changes(_ form: FormData, new: Bool) throws -> LineChanges {
        guard let capacity = Int(form["capacity"] ?? "") else { throw SlotlineError.invalid("capacity", "1–100") }
        return LineChanges(provider: new ? form["provider"].map(ProviderKind.init(rawValue:)) : nil,
                           connectionId: form["connectionId"].flatMap { $0.isEmpty ? nil : $0 }, hostUserId: form["hostUserId"],
                           label: form["label"], capacity: capacity,
                           state: form["state"].flatMap(Line.State.init(rawValue:)))
    }

    private func render(_ request: Request, _ context: SlotlineContext, status: HTTPResponse.Status = .ok, adding: FormState? = nil,
                        addingZoomUser: Bool = false, editing: (id: String, form: FormState)? = nil) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        let words = Words(staff.language(request, context))
        let states = Line.State.allCases.map { ($0.rawValue, words["line.state.\($0.rawValue)"]) }
        let lines = try await desk.lines.list(workspaceId: workspace.id)
        let rows = lines.map { line in
            let form = editing?.id == line.id ? editing?.form : nil
            var fields = FormFields(form: form, words: words, prefix: "page.line.field", idPrefix: "line-\(line.id)")
            fields.text("label", line.label, required: true)
            fields.number("capacity", line.capacity)
            fields.select("state", line.state.rawValue, options: states)
            return Row(action: "/admin/\(workspace.slug)/lines/\(line.id)", label: line.label, provider: line.provider.displayName,
                       fields: fields.fields, state: words["line.state.\(line.state.rawValue)"], stateClass: line.state.rawValue, error: form?.error)
        }
        var zoomFields: [FieldView] = []
        var zoomUnavailable: String?
        if desk.lines.offersZoomUsers {
            let taken = Set(lines.compactMap(\.hostUserId))
            // Zoom out of reach leaves the rest of the page working, and says so where its users would be.
            var users: [ProviderAccount] = []
            do {
                users = try await desk.lines.zoomUsers().filter { !taken.contains($0.externalUserId) }
            } catch let failure as SlotlineError where failure.code == .serviceUnavailable {
                zoomUnavailable = ErrorMessages.message(for: failure, in: words.language)
            }
            var fields = FormFields(form: addingZoomUser ? adding : nil, words: words, prefix: "page.line.field", idPrefix: "zoom-user")
            fields.select("hostUserId", users.first?.externalUserId ?? "", options: users.map { ($0.externalUserId, $0.label) })
            fields.number("capacity", 1)
            zoomFields = users.isEmpty ? [] : fields.fields
        }
        var fields = FormFields(form: addingZoomUser ? nil : adding, words: words, prefix: "page.line.field", idPrefix: "new-line")
        fields.select("provider", desk.lines.providers.first?.rawValue ?? "",
                      options: desk.lines.providers.map { ($0.rawValue, $0.displayName) })
        fields.text("label", "", required: true)
        fields.number("capacity", 1)
        let view = ListView(rows: rows, hasRows: !rows.isEmpty, addAction: "/admin/\(workspace.slug)/lines", addFields: fields.fields,
                            addError: addingZoomUser ? nil : adding?.error,
                            connectable: desk.lines.oauthProviders.map { Connectable(action: "/admin/\(workspace.slug)/lines/connect/\($0.rawValue)",
                                                                                      label: words["page.lines.connect", with: ["provider": $0.displayName]]) },
                            offersZoom: desk.lines.offersZoomUsers, zoomFields: zoomFields,
                            hasZoomUsers: !zoomFields.isEmpty, zoomError: addingZoomUser ? adding?.error : zoomUnavailable,
                            csrf: staff.csrf(request))
        return try staff.render("admin-lines", view: view, title: words["page.lines.title"], section: .lines, request: request,
                                context: context, status: status)
    }
}
