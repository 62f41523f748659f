import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineStore

/// `/admin/{slug}/meetings`: "My video meetings" — join by number, a quick meeting, scheduling,
/// the recent and all lists, a meeting's page with its links, and edit, invite, cancel and end
/// early. Each action calls the same desk function as the API.
struct VideoMeetingPagesController {
    let store: Store
    let desk: Desk
    let staff: StaffPages

    static let pageSize = 30

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("meetings", use: list)
        group.post("meetings/join", use: join)
        group.post("meetings/quick", use: quick)
        group.get("meetings/new", use: newMeeting)
        group.post("meetings/new", use: create)
        group.get("meetings/:id", use: detail)
        group.get("meetings/:id/edit", use: editPage)
        group.post("meetings/:id/edit", use: edit)
        group.post("meetings/:id/invite", use: invite)
        group.post("meetings/:id/cancel") { request, context in try await close(request, context, cancel: true) }
        group.post("meetings/:id/end") { request, context in try await close(request, context, cancel: false) }
    }

    @Sendable func list(request: Request, context: SlotlineContext) async throws -> Response {
        try await renderList(request, context)
    }

    /// Finds the meeting by its number and opens its participant link.
    @Sendable func join(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, _) = try staff.caller(context)
        let form = try await staff.form(request, context)
        do {
            let details = try await desk.videoMeetings.join(number: form["meetingNumber"] ?? "", viewer: user)
            if let link = details.provided?.joinURL, [.notStarted, .inProgress].contains(details.state) { return Pages.redirect(link) }
            return Pages.redirect(meetingPath(context, details.meeting.id))
        } catch let failure as SlotlineError where failure.code != .internalError {
            return try await renderList(request, context, status: failure.code.status,
                                        join: FormState(form, failure: failure, language: staff.language(request, context), knownFields: ["meetingNumber"]))
        }
    }

    /// A meeting that starts now, hosted by the caller; its page then offers to enter it or invite colleagues.
    @Sendable func quick(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, _) = try staff.caller(context)
        let form = try await staff.form(request, context)
        do {
            let draft = VideoMeetingDraft(title: form["title"] ?? "", startsAt: store.time.now(), durationMinutes: VideoMeetingDraft.quickMinutes,
                                          hostStaffId: user.id)
            let meeting = try await desk.videoMeetings.create(draft, source: .quick, by: user)
            return Pages.redirect(meetingPath(context, meeting.id) + "?done=meeting_started")
        } catch let failure as SlotlineError where failure.code != .internalError {
            return try await renderList(request, context, status: failure.code.status,
                                        quick: FormState(form, failure: failure, language: staff.language(request, context), knownFields: ["title"]))
        }
    }

    @Sendable func newMeeting(request: Request, context: SlotlineContext) async throws -> Response {
        try await renderForm(request, context, meeting: nil, form: nil)
    }

    @Sendable func create(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        let form = try await staff.form(request, context)
        do {
            let meeting = try await desk.videoMeetings.create(try draft(form, workspace: workspace), source: .scheduled, by: user)
            return Pages.redirect(meetingPath(context, meeting.id) + "?done=meeting_created")
        } catch let failure as SlotlineError where failure.code != .internalError {
            return try await renderForm(request, context, meeting: nil, form: form, failure: failure)
        }
    }

    @Sendable func detail(request: Request, context: SlotlineContext) async throws -> Response {
        try await renderDetail(request, context)
    }

    @Sendable func editPage(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, _) = try staff.caller(context)
        return try await renderForm(request, context, meeting: try await desk.videoMeetings.find(id: try context.parameters.require(), viewer: user),
                                    form: nil)
    }

    @Sendable func edit(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        let id: String = try context.parameters.require()
        let form = try await staff.form(request, context)
        let meeting = try await desk.videoMeetings.find(id: id, viewer: user)
        do {
            _ = try await desk.videoMeetings.edit(id: id, try draft(form, workspace: workspace), by: user)
            return Pages.redirect(meetingPath(context, id) + "?done=meeting_saved")
        } catch let failure as SlotlineError where failure.code != .internalError {
            return try await renderForm(request, context, meeting: meeting, form: form, failure: failure)
        }
    }

    @Sendable func invite(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, _) = try staff.caller(context)
        let id: String = try context.parameters.require()
        let form = try await staff.form(request, context)
        do {
            let people = try Self.participants(form)
            guard !people.isEmpty else { throw SlotlineError.missing("colleagues") }
            _ = try await desk.videoMeetings.invite(id: id, people, by: user)
            return Pages.redirect(meetingPath(context, id) + "?done=meeting_invited")
        } catch let failure as SlotlineError where failure.code != .internalError && (failure.code != .notFound || failure.field == "participants") {
            return try await renderDetail(request, context, status: failure.code.status,
                                          inviteForm: FormState(form, failure: failure, language: staff.language(request, context),
                                                                knownFields: ["colleagues", "participants"]))
        }
    }

    func close(_ request: Request, _ context: SlotlineContext, cancel: Bool) async throws -> Response {
        let (user, _) = try staff.caller(context)
        let id: String = try context.parameters.require()
        _ = try await staff.form(request, context)
        do {
            if cancel { _ = try await desk.videoMeetings.cancel(id: id, by: user) } else { _ = try await desk.videoMeetings.end(id: id, by: user) }
            return Pages.redirect(meetingPath(context, id) + "?done=" + (cancel ? "meeting_cancelled" : "meeting_ended"))
        } catch let failure as SlotlineError where failure.code == .invalidState {
            let words = Words(staff.language(request, context))
            return try await renderDetail(request, context, status: failure.code.status, alert: ErrorMessages.message(for: failure, in: words.language))
        }
    }

    // MARK: - Form reading

    /// The form as a draft: the start in the workspace's zone; a suggested start (a button the
    /// refusal offered) replaces the typed one.
    private func draft(_ form: FormData, workspace: Workspace) throws -> VideoMeetingDraft {
        let zone = TimeZone(identifier: workspace.timeZone) ?? TimeZone(identifier: "UTC")!
        let typed = form["suggested"] ?? form["startsAt"] ?? ""
        guard !typed.isEmpty else { throw SlotlineError.missing("startsAt") }
        guard let start = LocalDateTimeField.instant(typed, in: zone) else { throw SlotlineError.invalid("startsAt") }
        guard let minutes = Int(form["duration"] ?? "") else { throw SlotlineError.invalid("duration") }
        return VideoMeetingDraft(title: form["title"] ?? "", agenda: form["agenda"] ?? "", startsAt: start, durationMinutes: minutes,
                                 hostStaffId: form["hostStaffId"] ?? "", participants: try Self.participants(form))
    }

    /// Colleagues ticked and outside addresses, one per line (commas and semicolons also separate).
    static func participants(_ form: FormData) throws -> [Participant] {
        form.all("colleagues").filter { !$0.isEmpty }.map(Participant.init(staffId:)) + emails(form["participants"] ?? "").map(Participant.init(email:))
    }

    /// Addresses typed one per line (commas and semicolons also separate).
    static func emails(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isNewline || $0 == "," || $0 == ";" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    // MARK: - Rendering

    private func meetingPath(_ context: SlotlineContext, _ id: String) -> String {
        "/admin/\(context.workspace?.slug ?? "")/meetings/\(id)"
    }

    private func renderList(_ request: Request, _ context: SlotlineContext, status: HTTPResponse.Status = .ok, join: FormState? = nil,
                            quick: FormState? = nil) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        let words = Words(staff.language(request, context))
        let query = request.uri.queryParameters
        let view = query.get("view").flatMap(VideoMeetings.View.init(rawValue:)) ?? .recent
        let state = view == .all ? query.get("state").flatMap(VideoMeeting.State.init(rawValue:)) : nil
        let everyone = query.get("everyone") == "true" && user.role.canConfigure
        let page = max(1, Int(query.get("page") ?? "") ?? 1)
        let meetings = try await desk.videoMeetings.list(viewer: user, everyone: everyone, view: view, state: state, limit: Self.pageSize + 1,
                                                         offset: (page - 1) * Self.pageSize)
        let (lines, members) = try await store.read { read in
            (try await read.lines.list(workspaceId: workspace.id), try await read.staff.list(workspaceId: workspace.id))
        }
        let list = VideoMeetingListView(
            view: view, state: state, everyone: everyone, page: page, meetings: Array(meetings.prefix(Self.pageSize)),
            hasMore: meetings.count > Self.pageSize, lines: lines, staff: members, viewer: user, workspace: workspace, words: words,
            now: store.time.now(), csrf: staff.csrf(request), join: join, quick: quick)
        return try staff.render("admin-meetings", view: list, title: words["page.meetings.title"], section: .meetings, request: request,
                                context: context, status: status)
    }

    private func renderDetail(_ request: Request, _ context: SlotlineContext, status: HTTPResponse.Status = .ok, inviteForm: FormState? = nil,
                              alert: String? = nil) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        let words = Words(staff.language(request, context))
        let details = try await desk.videoMeetings.details(id: try context.parameters.require(), viewer: user)
        let view = VideoMeetingPageView(
            details: details, staff: try await store.staff.list(workspaceId: workspace.id), workspace: workspace,
            relatedURL: desk.settings.relatedURL(of: details.meeting.source, workspace: workspace.slug), words: words,
            now: store.time.now(), csrf: staff.csrf(request), inviteForm: inviteForm)
        return try staff.render("admin-meeting", view: view, title: details.meeting.title, section: .meetings, request: request,
                                context: context, status: status, alert: alert)
    }

    private func renderForm(_ request: Request, _ context: SlotlineContext, meeting: VideoMeeting?, form: FormData?,
                            failure: SlotlineError? = nil) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        let language = staff.language(request, context)
        let words = Words(language)
        let state = form.map { form in
            failure.map { FormState(form, failure: $0, language: language, knownFields: VideoMeetingFormView.knownFields) } ?? FormState(values: form.values)
        }
        let view = VideoMeetingFormView(
            meeting: meeting, workspace: workspace, staff: try await store.staff.list(workspaceId: workspace.id), viewer: user, words: words,
            now: store.time.now(), csrf: staff.csrf(request), form: state, nearestStarts: failure?.nearestStarts ?? [])
        return try staff.render("admin-meeting-form", view: view, title: view.heading, section: .meetings, request: request, context: context,
                                status: failure?.code.status ?? .ok)
    }
}
