import Foundation
import SlotlineCore
import SlotlineNotify
import SlotlineStore

/// Writes the messages a booking calls for into the outbox: the customer's and the staff notices,
/// each at most once (its dedupe key), with a calendar invitation where the booking is confirmed,
/// moved or cancelled. Private meeting details go only where `MessageKind` allows them.
struct BookingMessages: Sendable {
    let store: Store
    let settings: ServerSettings
    let renderer: MessageRenderer
    let meetings: any MeetingDetailsSource

    /// A booking with what its messages mention.
    struct Facts: Sendable {
        var booking: Booking
        var service: Service
        var practitioner: Practitioner
        var workspace: Workspace
    }

    func facts(bookingId: String, workspaceId: String) async throws -> Facts? {
        guard let booking = try await store.bookings.find(id: bookingId, workspaceId: workspaceId),
              let service = try await store.services.find(id: booking.serviceId, workspaceId: workspaceId),
              let practitioner = try await store.practitioners.find(id: booking.practitionerId, workspaceId: workspaceId),
              let workspace = try await store.workspaces.find(id: workspaceId) else { return nil }
        return Facts(booking: booking, service: service, practitioner: practitioner, workspace: workspace)
    }

    // MARK: - Which messages an event calls for

    static func customerKinds(for happened: BookingEvents) -> [MessageKind] {
        happened.events.compactMap { event in
            switch event {
            case .created:
                switch happened.state {
                case .pending: .received
                case .awaitingPayment: .awaitingPayment
                default: nil  // a booking confirmed at once gets the confirmation instead
                }
            case .confirmed: .confirmed
            case .rescheduled: .rescheduled
            case .cancelled: .cancelled
            case .declined: .declined
            case .expired: .expired
            case .changeRejected: .requestRejected
            case .paid, .changeRequested: nil
            }
        }
    }

    static func staffKinds(for happened: BookingEvents) -> [MessageKind] {
        var kinds: [MessageKind] = []
        for event in happened.events {
            let kind: MessageKind? = switch event {
            case .created: .staffNew
            case .rescheduled, .changeRequested: .staffChanged
            case .cancelled, .expired: .staffCancelled
            default: nil
            }
            if let kind, !kinds.contains(kind) { kinds.append(kind) }
        }
        return kinds
    }

    // MARK: - Writing them

    /// Writes every message `happened` calls for; returns how many were new.
    @discardableResult
    func write(_ happened: BookingEvents, facts: Facts) async throws -> Int {
        var messages: [OutboxMessage] = []
        for kind in Self.customerKinds(for: happened) {
            // A rejection leaves the sequence as it was: each is told apart by when it happened.
            let dedupeKey = kind == .requestRejected
                ? "\(happened.bookingId):\(kind.rawValue):\(happened.occurredAt.unixSeconds):\(facts.booking.customer.email.lowercased())" : nil
            if let message = try await customerMessage(kind, facts: facts, sequence: happened.sequence,
                                                       previousStartsAt: happened.previousStartsAt, dedupeKey: dedupeKey) {
                messages.append(message)
            }
        }
        let staffKinds = Self.staffKinds(for: happened)
        if !staffKinds.isEmpty {
            let recipients = try await staffRecipients(facts)
            for kind in staffKinds {
                for recipient in recipients {
                    messages.append(try staffMessage(kind, to: recipient, facts: facts, sequence: happened.sequence,
                                                     previousStartsAt: happened.previousStartsAt))
                }
            }
        }
        return try await add(messages)
    }

    /// The reminder `due` asks for, unless the booking moved, ended or was reminded already.
    @discardableResult
    func writeReminder(_ due: ReminderDue) async throws -> Bool {
        // Sent late when the workers were down, but never once the booking has begun.
        guard store.time.now() < due.startsAt,
              let facts = try await facts(bookingId: due.bookingId, workspaceId: due.workspaceId),
              facts.booking.state == .confirmed, facts.booking.startsAt == due.startsAt,
              let message = try await customerMessage(.reminder, facts: facts, sequence: facts.booking.sequence,
                                                      reminderOffsetMinutes: due.offsetMinutes,
                                                      dedupeKey: "\(due.bookingId):reminder:\(due.offsetMinutes):\(due.startsAt.unixSeconds)")
        else { return false }
        return try await add([message]) == 1
    }

    /// Sends the link of `meeting`, created after the booking's confirmation went without it, unless
    /// the booking is no longer confirmed, has begun, or was sent this meeting's link already.
    @discardableResult
    func writeMeetingReady(bookingId: String, meeting: Meeting) async throws -> Bool {
        guard let externalId = meeting.externalId,
              let facts = try await facts(bookingId: bookingId, workspaceId: meeting.workspaceId),
              facts.booking.state == .confirmed, store.time.now() < facts.booking.startsAt,
              let message = try await customerMessage(.meetingReady, facts: facts, sequence: facts.booking.sequence,
                                                      dedupeKey: "\(bookingId):meeting-ready:\(externalId)")
        else { return false }
        return try await add([message]) == 1
    }

    /// The confirmation a customer of `service` with `practitioner` would get, with the real meeting
    /// link, sent to `recipient` so staff can check the link first.
    func testMessage(service: Service, practitioner: Practitioner, workspace: Workspace, to recipient: MailAddress,
                     language: Language, startsAt: Date) async throws -> OutboxMessage {
        let booking = Booking(id: Self.testPrefix + Secrets.newID(), workspaceId: workspace.id, serviceId: service.id, practitionerId: practitioner.id,
                              state: .confirmed, startsAt: startsAt, endsAt: startsAt.addingTimeInterval(Double(service.durationMinutes) * 60),
                              customer: Customer(name: recipient.name.isEmpty ? recipient.address : recipient.name, email: recipient.address,
                                                 language: language, timeZone: workspace.timeZone),
                              createdAt: startsAt, updatedAt: startsAt)
        let facts = Facts(booking: booking, service: service, practitioner: practitioner, workspace: workspace)
        // A service whose meetings are made per booking has none for a test: it shows a sample one.
        let sample = service.online && service.meetingLinkSource == .provider ? sampleMeeting : nil
        guard var message = try await customerMessage(.confirmed, facts: facts, sequence: 0, dedupeKey: "test:\(Secrets.newID())",
                                                      standIn: sample) else {
            throw SlotlineError(.invalidState, field: "service")
        }
        message.bookingId = nil
        message.kind = "test"
        message.subject = "[TEST] " + message.subject
        try await add([message])
        return message
    }

    /// Tells owners, admins and the practitioner once that a connection needs reconnecting.
    @discardableResult
    func connectionLost(_ connection: Connection, providerName: String, meeting: Meeting) async throws -> Int {
        guard let practitionerId = connection.practitionerId,
              let practitioner = try await store.practitioners.find(id: practitionerId, workspaceId: connection.workspaceId),
              let workspace = try await store.workspaces.find(id: connection.workspaceId) else { return 0 }
        return try await toolNotice(.staffConnectionLost, practitioner: practitioner, workspace: workspace, topic: meeting.topic,
                                    startsAt: meeting.startsAt, endsAt: meeting.startsAt.addingTimeInterval(Double(meeting.durationMinutes) * 60),
                                    reason: "\(providerName) (\(connection.label))", dedupeKey: "connection-lost:\(connection.id)")
    }

    /// Tells owners, admins and the practitioner, at most once a day, that a confirmed online
    /// booking (the earliest of those waiting) wants a meeting no tool of the practitioner's can make.
    @discardableResult
    func toolMissing(_ facts: Facts) async throws -> Int {
        try await toolNotice(.staffToolMissing, practitioner: facts.practitioner, workspace: facts.workspace, topic: facts.service.name,
                             startsAt: facts.booking.startsAt, endsAt: facts.booking.endsAt, reason: "",
                             dedupeKey: "tool-missing:\(facts.practitioner.id):\(store.time.now().unixSeconds / 86_400)")
    }

    /// A notice about a practitioner's meeting tools, linking to them in the back office.
    private func toolNotice(_ kind: MessageKind, practitioner: Practitioner, workspace: Workspace, topic: String, startsAt: Date,
                            endsAt: Date, reason: String, dedupeKey: String) async throws -> Int {
        let recipients = try await store.staff.list(workspaceId: workspace.id).filter {
            $0.active && ($0.role.canConfigure || $0.practitionerId == practitioner.id)
        }
        var messages: [OutboxMessage] = []
        for recipient in recipients {
            let context = MessageContext(
                kind: kind, language: workspace.defaultLanguage, recipientName: recipient.name,
                recipientTimeZone: workspace.timeZone, workspaceName: workspace.name, serviceName: topic,
                practitionerName: practitioner.name, startsAt: startsAt, endsAt: endsAt, online: false,
                manageURL: settings.meetingToolsURL(workspace: workspace.slug, practitionerId: practitioner.id),
                customerName: "", customerEmail: "", reason: reason)
            messages.append(message(kind, to: MailAddress(name: recipient.name, address: recipient.email),
                                    language: workspace.defaultLanguage, rendered: try renderer.render(context), invite: nil,
                                    bookingId: nil, workspaceId: workspace.id,
                                    dedupeKey: "\(dedupeKey):\(recipient.email.lowercased())"))
        }
        return try await add(messages)
    }

    // MARK: - One message

    /// `standIn` is shown where the booking has no meeting of its own (a test message's sample).
    private func customerMessage(_ kind: MessageKind, facts: Facts, sequence: Int, previousStartsAt: Date? = nil,
                                 reminderOffsetMinutes: Int? = nil, dedupeKey: String? = nil,
                                 standIn: MeetingDetails? = nil) async throws -> OutboxMessage? {
        let booking = facts.booking
        var meeting: MeetingDetails?
        let released = MeetingAccess.detailsReleased(booking)
        if kind.carriesMeetingDetails {
            if released {
                meeting = try await meetings.details(for: booking, service: facts.service, practitioner: facts.practitioner)
            } else if !(kind == .rescheduled && booking.state.holdsSlot) {
                // An event handled after the booking ended says nothing; a booking moved while still
                // unconfirmed hears of its new time, without anything private.
                return nil
            }
            // The notice of a link is nothing without the link.
            if kind == .meetingReady, meeting?.joinURL.isEmpty ?? true { return nil }
            meeting = meeting ?? standIn
        }
        var context = MessageContext(
            kind: kind, language: booking.customer.language, recipientName: booking.customer.name,
            recipientTimeZone: booking.customer.timeZone, workspaceName: facts.workspace.name, serviceName: facts.service.name,
            practitionerName: facts.practitioner.name, startsAt: booking.startsAt, endsAt: booking.endsAt,
            previousStartsAt: previousStartsAt, online: facts.service.online, onlineInstructions: facts.service.onlineInstructions,
            meeting: meeting, paymentInstructions: facts.workspace.paymentInstructions, price: facts.service.priceText,
            bookingReference: booking.reference,
            manageURL: booking.id.hasPrefix(Self.testPrefix) ? "" : settings.manageURL(token: store.manageTokens.token(bookingId: booking.id)),
            customerName: booking.customer.name, customerEmail: booking.customer.email, customerPhone: booking.customer.phone,
            notes: booking.notes, reason: booking.request?.reason ?? "", reminderOffsetMinutes: reminderOffsetMinutes)
        // A meeting made on the practitioner's tool that does not exist yet (no tool connected): its link comes later.
        context.meetingFollows = released && facts.service.meetingLinkSource == .provider
        let rendered = try renderer.render(context)
        let invite = kind == .rescheduled && !released ? nil
            : invitation(kind, facts: facts, sequence: sequence, meeting: meeting, description: rendered.text)
        return message(kind, to: MailAddress(name: booking.customer.name, address: booking.customer.email), language: booking.customer.language,
                       rendered: rendered, invite: invite, bookingId: booking.id, workspaceId: booking.workspaceId,
                       dedupeKey: dedupeKey ?? "\(booking.id):\(kind.rawValue):\(sequence):\(booking.customer.email.lowercased())")
    }

    private func staffMessage(_ kind: MessageKind, to recipient: StaffUser, facts: Facts, sequence: Int,
                              previousStartsAt: Date?) throws -> OutboxMessage {
        let booking = facts.booking
        let language = facts.workspace.defaultLanguage
        let context = MessageContext(
            kind: kind, language: language, recipientName: recipient.name, recipientTimeZone: facts.workspace.timeZone,
            workspaceName: facts.workspace.name, serviceName: facts.service.name, practitionerName: facts.practitioner.name,
            startsAt: booking.startsAt, endsAt: booking.endsAt, previousStartsAt: previousStartsAt, online: facts.service.online,
            onlineInstructions: facts.service.onlineInstructions, price: facts.service.priceText,
            manageURL: settings.backOfficeURL(workspace: facts.workspace.slug, bookingId: booking.id),
            customerName: booking.customer.name, customerEmail: booking.customer.email, customerPhone: booking.customer.phone,
            notes: booking.notes, reason: booking.request?.reason ?? "")
        return message(kind, to: MailAddress(name: recipient.name, address: recipient.email), language: language,
                       rendered: try renderer.render(context), invite: nil, bookingId: booking.id, workspaceId: booking.workspaceId,
                       dedupeKey: "\(booking.id):\(kind.rawValue):\(sequence):\(recipient.email.lowercased())")
    }

    private func message(_ kind: MessageKind, to recipient: MailAddress, language: Language, rendered: RenderedMessage,
                         invite: CalendarInvite?, bookingId: String?, workspaceId: String, dedupeKey: String) -> OutboxMessage {
        settings.outgoing(kind.rawValue, to: recipient, language: language, rendered: rendered, invite: invite, bookingId: bookingId,
                          workspaceId: workspaceId, dedupeKey: dedupeKey, now: store.time.now())
    }

    /// REQUEST when the booking is confirmed or moved or its meeting link arrives, CANCEL when it is
    /// cancelled; the UID and sequence are the booking's, so calendars update the one event.
    private func invitation(_ kind: MessageKind, facts: Facts, sequence: Int, meeting: MeetingDetails?, description: String) -> CalendarInvite? {
        let method: CalendarInvite.Method
        switch kind {
        case .confirmed, .rescheduled, .meetingReady: method = .request
        case .cancelled: method = .cancel
        default: return nil
        }
        let booking = facts.booking
        return CalendarInvite(
            uid: "\(booking.id)@\(settings.domain)", sequence: sequence, method: method,
            summary: "\(facts.service.name) · \(facts.practitioner.name)", description: description,
            location: method == .request ? (meeting?.joinURL ?? "") : "", start: booking.startsAt, end: booking.endsAt,
            stamp: store.time.now(), organizer: .init(name: facts.workspace.name, email: settings.mailFrom.address),
            attendee: .init(name: booking.customer.name, email: booking.customer.email))
    }

    private func staffRecipients(_ facts: Facts) async throws -> [StaffUser] {
        try await store.staff.list(workspaceId: facts.workspace.id).filter { user in
            user.role.canConfigure || user.practitionerId == facts.booking.practitionerId
        }
    }

    @discardableResult
    private func add(_ messages: [OutboxMessage]) async throws -> Int {
        guard !messages.isEmpty else { return 0 }
        return try await store.write { tx in
            var added = 0
            for message in messages where try await tx.outbox.add(message) { added += 1 }
            return added
        }
    }

    /// Test messages are about a booking that does not exist: no manage link.
    static let testPrefix = "test-"

    /// A sandbox meeting that really opens (with its passcode), shown in test messages of services
    /// whose meetings are made per booking.
    private var sampleMeeting: MeetingDetails {
        let sandbox = settings.sandboxProvider
        let number = "8765432109"
        return MeetingDetails(joinURL: "\(sandbox.baseURL)/j/\(number)", meetingNumber: number, passcode: sandbox.passcode(for: number))
    }
}
