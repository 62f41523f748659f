import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineNotify
import SlotlineStore

/// `/admin/{slug}/conferences`: conference cards (topic, time, place, creator, convener, contact,
/// attendees) and, for their creator, convener and contact, "Launch video meeting".
struct ConferencePagesController {
    let store: Store
    let desk: Desk
    let staff: StaffPages

    typealias Fact = PageFact

    struct Row {
        let href: String
        let topic: String
        let when: String
        let place: String
        let convener: String
    }

    struct ListView {
        let tabs: [VideoMeetingListView.Tab]
        let rows: [Row]
        let hasRows: Bool
        let newHref: String
    }

    struct CardView {
        struct Launched {
            let href: String
            let title: String
            let state: String
            let stateClass: String
        }

        let topic: String
        let facts: [Fact]
        let canLaunch: Bool
        let launchAction: String
        let launched: [Launched]
        let hasLaunched: Bool
        let csrf: String
        let backHref: String
    }

    struct FormView {
        let action: String
        let zoneNote: String
        let fields: [FieldView]
        let error: String?
        let csrf: String
        let backHref: String
    }

    static let fieldNames: Set<String> = ["topic", "startsAt", "duration", "place", "convenerStaffId", "contactStaffId", "colleagues", "attendees"]

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("conferences", use: list)
        group.get("conferences/new", use: newConference)
        group.post("conferences/new", use: create)
        group.get("conferences/:id", use: card)
        group.post("conferences/:id/video-meeting", use: launch)
    }

    @Sendable func list(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        let words = Words(staff.language(request, context))
        let upcoming = request.uri.queryParameters.get("view") != "all"
        let base = "/admin/\(workspace.slug)/conferences"
        let conferences = try await desk.conferences.list(viewer: user, upcoming: upcoming, limit: 100, offset: 0)
        let names = try await staffNames(workspace)
        let time = MessageTime(language: words.language, timeZoneIdentifier: workspace.timeZone)
        let view = ListView(
            tabs: [("upcoming", upcoming), ("all", !upcoming)].map { VideoMeetingListView.Tab(label: words["page.conferences.tab.\($0.0)"],
                                                                                            href: "\(base)?view=\($0.0)", current: $0.1) },
            rows: conferences.map { Row(href: "\(base)/\($0.id)", topic: $0.topic, when: time.range($0.startsAt, $0.endsAt), place: $0.place,
                                        convener: names[$0.convenerStaffId] ?? "") },
            hasRows: !conferences.isEmpty, newHref: "\(base)/new")
        return try staff.render("admin-conferences", view: view, title: words["page.conferences.title"], section: .conferences,
                                request: request, context: context)
    }

    @Sendable func newConference(request: Request, context: SlotlineContext) async throws -> Response {
        try await renderForm(request, context, form: nil)
    }

    @Sendable func create(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        let form = try await staff.form(request, context)
        do {
            let zone = TimeZone(identifier: workspace.timeZone) ?? TimeZone(identifier: "UTC")!
            guard let start = LocalDateTimeField.instant(form["startsAt"] ?? "", in: zone) else { throw SlotlineError.invalid("startsAt") }
            guard let minutes = Int(form["duration"] ?? "") else { throw SlotlineError.invalid("duration") }
            let attendees = form.all("colleagues").filter { !$0.isEmpty }.map(Participant.init(staffId:))
                + VideoMeetingPagesController.emails(form["attendees"] ?? "").map(Participant.init(email:))
            let conference = try await desk.conferences.create(
                ConferenceDraft(topic: form["topic"] ?? "", startsAt: start, durationMinutes: minutes, place: form["place"] ?? "",
                                convenerStaffId: form["convenerStaffId"] ?? user.id, contactStaffId: form["contactStaffId"] ?? user.id,
                                attendees: attendees), by: user)
            return Pages.redirect("/admin/\(workspace.slug)/conferences/\(conference.id)?done=conference_created")
        } catch let failure as SlotlineError where failure.code != .internalError {
            return try await renderForm(request, context, status: failure.code.status,
                                        form: FormState(form, failure: failure, language: staff.language(request, context), knownFields: Self.fieldNames))
        }
    }

    @Sendable func card(request: Request, context: SlotlineContext) async throws -> Response {
        try await renderCard(request, context)
    }

    /// Launches the card's video meeting and opens its page, where the host enters it.
    @Sendable func launch(request: Request, context: SlotlineContext) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        _ = try await staff.form(request, context)
        do {
            let meeting = try await desk.conferences.launchVideoMeeting(conferenceId: try context.parameters.require(), by: user)
            return Pages.redirect("/admin/\(workspace.slug)/meetings/\(meeting.id)?done=meeting_launched")
        } catch let failure as SlotlineError where failure.code != .internalError && !(failure.code == .notFound && failure.field == "conference") {
            return try await renderCard(request, context, status: failure.code.status,
                                        alert: ErrorMessages.message(for: failure, in: staff.language(request, context)))
        }
    }

    private func staffNames(_ workspace: Workspace) async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await store.staff.list(workspaceId: workspace.id).map { ($0.id, $0.name) })
    }

    private func renderCard(_ request: Request, _ context: SlotlineContext, status: HTTPResponse.Status = .ok,
                            alert: String? = nil) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        let words = Words(staff.language(request, context))
        let conference = try await desk.conferences.find(id: try context.parameters.require(), viewer: user)
        let names = try await staffNames(workspace)
        let time = MessageTime(language: words.language, timeZoneIdentifier: workspace.timeZone)
        let now = store.time.now()
        let people = conference.attendees.map { $0.staffId.flatMap { names[$0] } ?? $0.email ?? "" }
        var facts = [Fact(label: words["page.conference.when"], value: time.range(conference.startsAt, conference.endsAt))]
        if !conference.place.isEmpty { facts.append(Fact(label: words["page.conference.place"], value: conference.place)) }
        facts += [
            Fact(label: words["page.conference.creator"], value: names[conference.creatorStaffId] ?? ""),
            Fact(label: words["page.conference.convener"], value: names[conference.convenerStaffId] ?? ""),
            Fact(label: words["page.conference.contact"], value: names[conference.contactStaffId] ?? ""),
        ]
        if !people.isEmpty { facts.append(Fact(label: words["page.conference.attendees"], value: people.joined(separator: ", "))) }
        let launched = try await desk.conferences.videoMeetings(of: conference).map { meeting in
            CardView.Launched(href: "/admin/\(workspace.slug)/meetings/\(meeting.id)", title: time.range(meeting.startsAt, meeting.endsAt),
                              state: words.videoState(meeting.state(at: now)), stateClass: meeting.state(at: now).rawValue)
        }
        let view = CardView(topic: conference.topic, facts: facts,
                            canLaunch: conference.mayLaunchVideoMeeting(staffId: user.id) && conference.endsAt > now,
                            launchAction: "/admin/\(workspace.slug)/conferences/\(conference.id)/video-meeting", launched: launched,
                            hasLaunched: !launched.isEmpty, csrf: staff.csrf(request), backHref: "/admin/\(workspace.slug)/conferences")
        return try staff.render("admin-conference", view: view, title: conference.topic, section: .conferences, request: request,
                                context: context, status: status, alert: alert)
    }

    private func renderForm(_ request: Request, _ context: SlotlineContext, status: HTTPResponse.Status = .ok,
                            form: FormState?) async throws -> Response {
        let (user, workspace) = try staff.caller(context)
        let words = Words(staff.language(request, context))
        let zone = TimeZone(identifier: workspace.timeZone) ?? TimeZone(identifier: "UTC")!
        let now = store.time.now()
        let nextHour = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600 + 3600)
        let members = try await store.staff.list(workspaceId: workspace.id).filter(\.active).map { ($0.id, $0.name) }
        var fields = FormFields(form: form, words: words, prefix: "page.conference.field")
        fields.text("topic", "", required: true)
        fields.text("startsAt", LocalDateTimeField.text(nextHour, in: zone), kind: .datetimeLocal, required: true)
        fields.number("duration", 60)
        fields.text("place", "")
        fields.select("convenerStaffId", user.id, options: members)
        fields.select("contactStaffId", user.id, options: members)
        fields.checkboxes("colleagues", [], options: members)
        fields.textarea("attendees", "")
        let view = FormView(action: "/admin/\(workspace.slug)/conferences/new", zoneNote: words["page.meeting.zone_note", with: ["zone": workspace.timeZone]],
                            fields: fields.fields, error: form?.error, csrf: staff.csrf(request), backHref: "/admin/\(workspace.slug)/conferences")
        return try staff.render("admin-conference-new", view: view, title: words["page.conference.new"], section: .conferences,
                                request: request, context: context, status: status)
    }
}
