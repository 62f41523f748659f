import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineNotify
import SlotlineStore

/// "My video meetings": joining by number, a quick meeting, scheduling, and the recent and all lists
/// with what each meeting's state allows.
struct VideoMeetingListView {
    struct Tab {
        let label: String
        let href: String
        let current: Bool
    }

    struct Row {
        let href: String
        let title: String
        let when: String
        let host: String
        let line: String
        let state: String
        let stateClass: String
        let actions: [VideoMeetingActions.Action]
        let editHref: String?
    }

    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    let tabs: [Tab]
    let isAll: Bool
    let states: [Option]
    let everyone: Bool
    let canSeeEveryone: Bool
    let rows: [Row]
    let hasRows: Bool
    let empty: String
    let previousHref: String?
    let nextHref: String?
    let joinAction: String
    let quickAction: String
    let newHref: String
    let join: FormState
    let quick: FormState
    let noLines: Bool
    let csrf: String

    init(view: VideoMeetings.View, state: VideoMeeting.State?, everyone: Bool, page: Int, meetings: [VideoMeeting], hasMore: Bool,
         lines: [Line], staff: [StaffUser], viewer: StaffUser, workspace: Workspace, words: Words, now: Date, csrf: String,
         join: FormState? = nil, quick: FormState? = nil) {
        let base = "/admin/\(workspace.slug)/meetings"
        func href(_ view: VideoMeetings.View, page: Int = 1) -> String {
            var items = ["view": view.rawValue]
            if view == .all, let state { items["state"] = state.rawValue }
            if everyone { items["everyone"] = "true" }
            if page > 1 { items["page"] = String(page) }
            return base + "?" + Pages.query(items)
        }
        tabs = VideoMeetings.View.allCases.map { Tab(label: words["page.meetings.tab.\($0.rawValue)"], href: href($0), current: $0 == view) }
        isAll = view == .all
        states = VideoMeeting.State.allCases.map { Option(value: $0.rawValue, label: words.videoState($0), selected: $0 == state) }
        self.everyone = everyone
        canSeeEveryone = viewer.role.canConfigure
        let names = Dictionary(uniqueKeysWithValues: staff.map { ($0.id, $0.name) })
        let lineNames = Dictionary(uniqueKeysWithValues: lines.map { ($0.id, $0.label) })
        let time = MessageTime(language: words.language, timeZoneIdentifier: workspace.timeZone)
        rows = meetings.map { meeting in
            let current = meeting.state(at: now)
            let manage = VideoMeetingAccess.mayManage(meeting, staff: viewer)
            return Row(href: "\(base)/\(meeting.id)", title: meeting.title, when: time.range(meeting.startsAt, meeting.endsAt),
                       host: names[meeting.hostStaffId] ?? "", line: lineNames[meeting.lineId] ?? "", state: words.videoState(current),
                       stateClass: current.rawValue, actions: manage ? VideoMeetingActions.for(meeting, state: current, base: base, words: words) : [],
                       editHref: manage && current == .notStarted ? "\(base)/\(meeting.id)/edit" : nil)
        }
        hasRows = !rows.isEmpty
        empty = words[view == .recent ? "page.meetings.empty_recent" : "page.meetings.empty_all"]
        previousHref = page > 1 ? href(view, page: page - 1) : nil
        nextHref = hasMore ? href(view, page: page + 1) : nil
        joinAction = "\(base)/join"
        quickAction = "\(base)/quick"
        newHref = "\(base)/new"
        self.join = join ?? FormState()
        self.quick = quick ?? FormState()
        noLines = !lines.contains { $0.state == .enabled }
        self.csrf = csrf
    }
}

/// The buttons a meeting's state allows: cancel before it starts, end early while it runs.
enum VideoMeetingActions {
    struct Action {
        let path: String
        let label: String
        let style: String
        let confirm: String
    }

    static func `for`(_ meeting: VideoMeeting, state: VideoMeeting.State, base: String, words: Words) -> [Action] {
        switch state {
        case .notStarted:
            [Action(path: "\(base)/\(meeting.id)/cancel", label: words["page.meeting.action.cancel"], style: "danger",
                    confirm: words["page.meeting.confirm.cancel"])]
        case .inProgress:
            [Action(path: "\(base)/\(meeting.id)/end", label: words["page.meeting.action.end"], style: "danger",
                    confirm: words["page.meeting.confirm.end"])]
        case .ended, .endedManually, .cancelled:
            []
        }
    }
}

/// One video meeting: its facts, the host, participant and related links (each copyable, opening the
/// provider's app in a new window), and what the viewer may do with it.
struct VideoMeetingPageView {
    typealias Fact = PageFact

    struct Link {
        let id: String
        let label: String
        let value: String
        let isLink: Bool
    }

    let title: String
    let state: String
    let stateClass: String
    let facts: [Fact]
    let links: [Link]
    let hasLinks: Bool
    let linkNote: String?
    let enterHref: String?
    let actions: [VideoMeetingActions.Action]
    let editHref: String?
    let canInvite: Bool
    let inviteAction: String
    let inviteFields: [FieldView]
    let inviteError: String?
    let csrf: String
    let backHref: String

    init(details: VideoMeetingDetails, staff: [StaffUser], workspace: Workspace, relatedURL: String?, words: Words, now: Date, csrf: String,
         inviteForm: FormState? = nil) {
        let meeting = details.meeting
        let base = "/admin/\(workspace.slug)/meetings"
        let names = Dictionary(uniqueKeysWithValues: staff.map { ($0.id, $0.name) })
        let time = MessageTime(language: words.language, timeZoneIdentifier: workspace.timeZone)
        title = meeting.title
        state = words.videoState(details.state)
        stateClass = details.state.rawValue
        var facts = [
            Fact(label: words["page.meeting.when"], value: time.range(meeting.startsAt, meeting.endsAt)),
            Fact(label: words["page.meeting.host"], value: names[meeting.hostStaffId] ?? ""),
            Fact(label: words["page.meeting.created_by"], value: names[meeting.createdByStaffId] ?? ""),
            Fact(label: words["page.meeting.started_from"], value: words["page.meeting.source.\(meeting.source.kind)"]),
        ]
        if let ended = meeting.endedAt { facts.append(Fact(label: words["page.meeting.ended_at"], value: time.instant(ended))) }
        if let line = details.line { facts.append(Fact(label: words["page.meeting.line"], value: "\(line.label) · \(line.provider.displayName)")) }
        if !meeting.participants.isEmpty {
            facts.append(Fact(label: words["page.meeting.participants"],
                              value: meeting.participants.map { $0.staffId.flatMap { names[$0] } ?? $0.email ?? "" }.joined(separator: ", ")))
        }
        if !meeting.agenda.isEmpty { facts.append(Fact(label: words["page.meeting.agenda"], value: meeting.agenda)) }
        self.facts = facts
        let open = [.notStarted, .inProgress].contains(details.state)
        var links: [Link] = []
        if open, let provided = details.provided {
            if let host = details.hostURL { links.append(Link(id: "host-url", label: words["page.meeting.host_link"], value: host, isLink: true)) }
            if let join = provided.joinURL { links.append(Link(id: "join-url", label: words["page.meeting.participant_link"], value: join, isLink: true)) }
            if let number = provided.meetingNumber { links.append(Link(id: "meeting-number", label: words["page.meeting.number"], value: number, isLink: false)) }
            if let passcode = provided.passcode { links.append(Link(id: "passcode", label: words["page.meeting.passcode"], value: passcode, isLink: false)) }
        }
        if let relatedURL { links.append(Link(id: "related-url", label: words["page.meeting.related_link"], value: relatedURL, isLink: true)) }
        self.links = links
        hasLinks = !links.isEmpty
        linkNote = if !open { nil }
            else if let error = details.provided?.lastError, details.provided?.joinURL == nil { words["page.meeting.link_failed", with: ["error": error]] }
            else if details.provided?.joinURL == nil { words["page.meeting.preparing"] }
            else { nil }
        enterHref = open ? details.hostURL ?? details.provided?.joinURL : nil
        actions = details.canManage ? VideoMeetingActions.for(meeting, state: details.state, base: base, words: words) : []
        editHref = details.canManage && details.state == .notStarted ? "\(base)/\(meeting.id)/edit" : nil
        canInvite = open
        inviteAction = "\(base)/\(meeting.id)/invite"
        var fields = FormFields(form: inviteForm, words: words, prefix: "page.meeting.field", idPrefix: "invite")
        let invited = Set(meeting.participants.compactMap(\.staffId) + [meeting.hostStaffId])
        fields.checkboxes("colleagues", [], options: staff.filter { $0.active && !invited.contains($0.id) }.map { ($0.id, $0.name) })
        fields.textarea("participants", "")
        inviteFields = fields.fields
        inviteError = inviteForm?.error
        self.csrf = csrf
        backHref = base
    }
}

/// The form that schedules or edits a meeting; refused for want of a line, it offers the nearest
/// starts at which one is free as buttons that send the form again with that start.
struct VideoMeetingFormView {
    struct Suggestion {
        let value: String
        let label: String
    }

    let heading: String
    let action: String
    let submit: String
    let zoneNote: String
    let fields: [FieldView]
    let error: String?
    let suggestions: [Suggestion]
    let hasSuggestions: Bool
    let csrf: String
    let backHref: String

    static let knownFields: Set<String> = ["title", "startsAt", "duration", "hostStaffId", "colleagues", "participants", "agenda"]

    init(meeting: VideoMeeting?, workspace: Workspace, staff: [StaffUser], viewer: StaffUser, words: Words, now: Date, csrf: String,
         form: FormState?, nearestStarts: [Date]) {
        let base = "/admin/\(workspace.slug)/meetings"
        let zone = TimeZone(identifier: workspace.timeZone) ?? TimeZone(identifier: "UTC")!
        heading = words[meeting == nil ? "page.meeting.new" : "page.meeting.edit"]
        action = meeting.map { "\(base)/\($0.id)/edit" } ?? "\(base)/new"
        submit = words[meeting == nil ? "page.meeting.create" : "page.meeting.save"]
        zoneNote = words["page.meeting.zone_note", with: ["zone": workspace.timeZone]]
        // A new meeting starts at the next full hour unless the person typed a time.
        let nextHour = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600 + 3600)
        var fields = FormFields(form: form, words: words, prefix: "page.meeting.field")
        fields.text("title", meeting?.title ?? "", required: true)
        fields.text("startsAt", LocalDateTimeField.text(meeting?.startsAt ?? nextHour, in: zone), kind: .datetimeLocal, required: true)
        fields.number("duration", meeting?.durationMinutes ?? 60)
        let active = staff.filter(\.active)
        fields.select("hostStaffId", meeting?.hostStaffId ?? viewer.id, options: active.map { ($0.id, $0.name) })
        fields.checkboxes("colleagues", meeting?.participants.compactMap(\.staffId) ?? [],
                          options: active.filter { $0.id != viewer.id || meeting != nil }.map { ($0.id, $0.name) })
        fields.textarea("participants", meeting?.participants.compactMap(\.email).joined(separator: "\n") ?? "")
        fields.textarea("agenda", meeting?.agenda ?? "")
        self.fields = fields.fields
        error = form?.error
        let time = MessageTime(language: words.language, timeZoneIdentifier: workspace.timeZone)
        suggestions = nearestStarts.map { Suggestion(value: LocalDateTimeField.text($0, in: zone), label: time.instant($0)) }
        hasSuggestions = !suggestions.isEmpty
        self.csrf = csrf
        backHref = meeting.map { "\(base)/\($0.id)" } ?? base
    }
}

/// `datetime-local` inputs: `2030-06-03T14:00` in the workspace's zone.
enum LocalDateTimeField {
    static func text(_ instant: Date, in zone: TimeZone) -> String {
        let clock = WallClock(zone)
        let date = clock.localDate(of: instant)
        let minutes = Int(instant.timeIntervalSince(clock.instant(date, LocalTime(minutes: 0)!) ?? instant) / 60)
        return "\(date)T\(String(format: "%02d:%02d", minutes / 60, minutes % 60))"
    }

    /// The instant typed, or nil when it is not a time of that form (or does not exist that day).
    static func instant(_ text: String, in zone: TimeZone) -> Date? {
        let parts = text.split(separator: "T", maxSplits: 1).map(String.init)
        guard parts.count == 2, let date = LocalDate(parts[0]), let time = LocalTime(String(parts[1].prefix(5))) else { return nil }
        return WallClock(zone).instant(date, time)
    }
}
