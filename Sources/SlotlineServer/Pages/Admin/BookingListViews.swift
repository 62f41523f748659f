import Foundation
import Mustache
import Hummingbird
import HummingbirdCore
import SlotlineCore
import SlotlineDesk
import SlotlineNotify
import SlotlineStore

struct Option {
    let value: String
    let label: String
    let selected: Bool
}

/// One tab of the bookings list, with its filters and a page of rows.
struct BookingListView {
    struct Tab {
        let label: String
        /// "100+" past `Bookings.countLimit`.
        let count: String
        let href: String
        let current: Bool
    }

    struct Row {
        let href: String
        let when: String
        let customer: String
        let service: String
        let practitioner: String
        let state: String
        let stateClass: String
        let request: String?
    }

    let tabs: [Tab]
    let tab: String
    let rows: [Row]
    let hasRows: Bool
    let empty: String
    let practitioners: [Option]
    let services: [Option]
    let from: String
    let to: String
    let previousHref: String?
    let nextHref: String?
    let newHref: String

    init(tab: BookingTab, page: Int, counts: [BookingTab: Int], bookings: [Booking], hasMore: Bool, services: [Service],
         practitioners: [Practitioner], workspace: Workspace, words: Words, query: FlatDictionary<Substring, Substring>) {
        var filters: [String: String] = [:]
        for name in ["practitioner", "service", "from", "to"] {
            if let value = query.get(name), !value.isEmpty { filters[name] = value }
        }
        let base = "/admin/\(workspace.slug)/bookings"
        func href(_ tab: BookingTab, page: Int = 1) -> String {
            var items = filters
            items["tab"] = tab.rawValue
            if page > 1 { items["page"] = String(page) }
            return base + "?" + Pages.query(items)
        }
        tabs = BookingTab.allCases.map {
            Tab(label: words["page.bookings.tab.\($0.rawValue)"], count: Self.count(counts[$0] ?? 0), href: href($0), current: $0 == tab)
        }
        self.tab = tab.rawValue
        let time = MessageTime(language: words.language, timeZoneIdentifier: workspace.timeZone)
        let serviceNames = Dictionary(uniqueKeysWithValues: services.map { ($0.id, $0.name) })
        let practitionerNames = Dictionary(uniqueKeysWithValues: practitioners.map { ($0.id, $0.name) })
        rows = bookings.map { booking in
            Row(href: "\(base)/\(booking.id)", when: time.range(booking.startsAt, booking.endsAt), customer: booking.customer.name,
                service: serviceNames[booking.serviceId] ?? "", practitioner: practitionerNames[booking.practitionerId] ?? "",
                state: words.state(booking.state), stateClass: booking.state.rawValue,
                request: booking.request.map { words["page.bookings.asks", with: ["request": words.request($0.kind)]] })
        }
        hasRows = !rows.isEmpty
        empty = words["page.bookings.empty.\(tab.rawValue)"]
        let chosenPractitioner = query.get("practitioner"), chosenService = query.get("service")
        self.practitioners = practitioners.map { Option(value: $0.id, label: $0.name, selected: $0.id == chosenPractitioner) }
        self.services = services.map { Option(value: $0.id, label: $0.name, selected: $0.id == chosenService) }
        from = query.get("from") ?? ""
        to = query.get("to") ?? ""
        previousHref = page > 1 ? href(tab, page: page - 1) : nil
        nextHref = hasMore ? href(tab, page: page + 1) : nil
        newHref = base + "/new"
    }

    static func count(_ count: Int) -> String {
        count > Bookings.countLimit ? "\(Bookings.countLimit)+" : String(count)
    }
}

/// A booking's page: its facts, its private meeting details where the viewer may see them, the
/// messages it sent, and the actions its state allows.
struct BookingDetailView {
    typealias Fact = PageFact

    struct Secret {
        let id: String
        let label: String
        let value: String
        let isLink: Bool
    }

    struct Action {
        let path: String
        let label: String
        let style: String
        let confirm: String?
    }

    struct Sent {
        let kind: String
        let recipient: String
        let subject: String
        let when: String
        let href: String
    }

    let title: String
    let state: String
    let stateClass: String
    let facts: [Fact]
    let request: [Fact]
    let hasRequest: Bool
    let meeting: [Secret]
    let hasMeeting: Bool
    let meetingNote: String?
    let actions: [Action]
    let rescheduleHref: String?
    let messages: [Sent]
    let hasMessages: Bool
    let history: BookingHistoryView
    let csrf: String
    let backHref: String

    init(booking: Booking, service: Service, practitioner: Practitioner, workspace: Workspace, meeting: StaffMeetingDetails?,
         waitsForTool: Bool, messages: [OutboxMessage], history: [BookingChange], staff: [StaffUser], words: Words, csrf: String) {
        let studioTime = MessageTime(language: words.language, timeZoneIdentifier: workspace.timeZone)
        let customerTime = MessageTime(language: words.language, timeZoneIdentifier: booking.customer.timeZone)
        self.history = BookingHistoryView(history, staff: staff, time: studioTime, words: words)
        let base = "/admin/\(workspace.slug)/bookings/\(booking.id)"
        title = "\(booking.customer.name) · \(service.name)"
        state = words.state(booking.state)
        stateClass = booking.state.rawValue
        var facts = [
            Fact(label: words["page.summary.reference"], value: booking.reference),
            Fact(label: words["page.summary.service"], value: service.name),
            Fact(label: words["page.summary.with"], value: practitioner.name),
            Fact(label: words["page.booking.when_studio"], value: studioTime.range(booking.startsAt, booking.endsAt)),
        ]
        if booking.customer.timeZone != workspace.timeZone {
            facts.append(Fact(label: words["page.booking.when_customer"], value: customerTime.range(booking.startsAt, booking.endsAt)))
        }
        facts += [
            Fact(label: words["page.booking.customer"], value: booking.customer.name),
            Fact(label: words["page.book.email"], value: booking.customer.email),
        ]
        if !booking.customer.phone.isEmpty { facts.append(Fact(label: words["page.booking.phone"], value: booking.customer.phone)) }
        if booking.seats > 1 { facts.append(Fact(label: words["page.booking.seats"], value: String(booking.seats))) }
        if !booking.notes.isEmpty { facts.append(Fact(label: words["page.booking.notes"], value: booking.notes)) }
        if let expiry = booking.holdExpiresAt, booking.state == .awaitingPayment {
            facts.append(Fact(label: words["page.booking.hold_until"], value: studioTime.instant(expiry)))
        }
        self.facts = facts
        request = booking.request.map { asked in
            [Fact(label: words["page.booking.request_kind"], value: words.request(asked.kind))]
                + (asked.startsAt.map { [Fact(label: words["page.manage.new_time"],
                                              value: studioTime.range($0, $0.addingTimeInterval(booking.endsAt.timeIntervalSince(booking.startsAt))))] } ?? [])
                + (asked.reason.isEmpty ? [] : [Fact(label: words["page.manage.reason"], value: asked.reason)])
        } ?? []
        hasRequest = !request.isEmpty
        var secrets: [Secret] = []
        if let meeting {
            if let provider = meeting.provider { secrets.append(Secret(id: "provider", label: words["page.meeting.provider"], value: provider.displayName, isLink: false)) }
            if let join = meeting.joinURL { secrets.append(Secret(id: "join-url", label: words["page.meeting.join_url"], value: join, isLink: true)) }
            if let number = meeting.meetingNumber { secrets.append(Secret(id: "meeting-id", label: words["page.meeting.meeting_id"], value: number, isLink: false)) }
            if let passcode = meeting.passcode { secrets.append(Secret(id: "passcode", label: words["page.meeting.passcode"], value: passcode, isLink: false)) }
            if let host = meeting.hostURL { secrets.append(Secret(id: "host-url", label: words["page.meeting.host_url"], value: host, isLink: true)) }
            if let text = meeting.text, !text.isEmpty { secrets.append(Secret(id: "meeting-text", label: words["page.meeting.text"], value: text, isLink: false)) }
        }
        self.meeting = secrets
        hasMeeting = !secrets.isEmpty
        meetingNote = if !service.online { nil }
            else if waitsForTool, secrets.isEmpty, booking.state == .confirmed {
                words["page.meeting.no_tool", with: ["name": practitioner.name]]
            }
            else if let error = meeting?.lastError { words["page.meeting.failed", with: ["error": error]] }
            else if secrets.isEmpty, booking.state == .confirmed, service.meetingLinkSource == .provider { words["page.meeting.waiting"] }
            else if secrets.isEmpty { words["page.meeting.after_confirmation"] }
            else { nil }
        var actions: [Action] = []
        let add = { (decision: StaffDecision, style: String, confirm: Bool) in
            actions.append(Action(path: "\(base)/\(decision.rawValue)", label: words["page.booking.action.\(decision.rawValue)"], style: style,
                                  confirm: confirm ? words["page.booking.confirm.\(decision.rawValue)"] : nil))
        }
        if booking.request != nil {
            add(.approve, "primary", false)
            add(.reject, "", false)
        }
        switch booking.state {
        case .pending:
            add(.accept, "primary", false)
            add(.decline, "danger", true)
        case .awaitingPayment:
            add(.markPaid, "primary", false)
            add(.cancel, "danger", true)
        case .confirmed:
            add(.cancel, "danger", true)
        case .cancelled, .declined, .expired:
            break
        }
        self.actions = actions
        rescheduleHref = booking.state.holdsSlot ? base + "/reschedule" : nil
        let sentTime = MessageTime(language: words.language, timeZoneIdentifier: workspace.timeZone)
        self.messages = messages.map {
            Sent(kind: $0.kind, recipient: $0.recipientEmail, subject: $0.subject, when: sentTime.instant($0.createdAt),
                 href: "/admin/\(workspace.slug)/outbox/\($0.id)")
        }
        hasMessages = !messages.isEmpty
        self.csrf = csrf
        backHref = "/admin/\(workspace.slug)/bookings"
    }
}

struct RescheduleView {
    let detailHref: String
    let action: String
    let csrf: String
    let customer: String
    let service: String
    let practitioner: String
    let current: String
    let chosen: String?
    let startsAt: String
    let form: FormState
    let picker: SlotPicker
}

/// Staff book for a customer: a service (and practitioner), a time from the picker, the customer.
struct NewBookingView {
    let action: String
    let csrf: String
    let services: [Option]
    let practitioners: [Option]
    let picker: SlotPicker?
    let chosen: String?
    let startsAt: String
    let serviceId: String
    let practitionerId: String
    let fields: [FieldView]
    let error: String?
    let backHref: String
}

extension Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}

extension BookingListView.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "when": when
        case "customer": customer
        case "service": service
        case "practitioner": practitioner
        case "state": state
        case "stateClass": stateClass
        case "request": request
        default: nil
        }
    }
}
