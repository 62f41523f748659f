import Foundation
import SlotlineCore

/// A message Slotline sent or will send: kept in the outbox, delivered by SMTP when configured.
public struct OutboxMessage: Sendable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Kept in the outbox only (no SMTP configured).
        case stored
        /// Waiting for SMTP delivery.
        case queued
        case sent
        case failed
    }

    public enum Transport: String, Sendable, Codable { case outbox, smtp }

    public var id: String
    public var workspaceId: String
    public var bookingId: String?
    /// The message kind (`confirmed`, `reminder`, `test`, …).
    public var kind: String
    /// Unique per workspace: the same message is never made twice.
    public var dedupeKey: String
    public var recipientEmail: String
    public var recipientName: String
    public var language: Language
    public var subject: String
    public var textBody: String
    public var htmlBody: String
    /// The iCalendar invitation, if the message carries one, and its METHOD.
    public var calendar: String?
    public var calendarMethod: String?
    /// The RFC 5322 Message-ID, without angle brackets.
    public var messageId: String
    public var transport: Transport
    public var state: State
    public var attempts: Int
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?

    public init(id: String, workspaceId: String, bookingId: String?, kind: String, dedupeKey: String, recipientEmail: String,
                recipientName: String, language: Language, subject: String, textBody: String, htmlBody: String,
                calendar: String? = nil, calendarMethod: String? = nil, messageId: String, transport: Transport,
                state: State, attempts: Int = 0, lastError: String? = nil, createdAt: Date, sentAt: Date? = nil) {
        self.id = id
        self.workspaceId = workspaceId
        self.bookingId = bookingId
        self.kind = kind
        self.dedupeKey = dedupeKey
        self.recipientEmail = recipientEmail
        self.recipientName = recipientName
        self.language = language
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.calendar = calendar
        self.calendarMethod = calendarMethod
        self.messageId = messageId
        self.transport = transport
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.createdAt = createdAt
        self.sentAt = sentAt
    }
}


extension OutboxMessage: TableRecord {
    static let table = "messages"

    enum Columns {
        static let id = "id"
        static let workspaceId = "workspace_id"
        static let bookingId = "booking_id"
        static let kind = "kind"
        static let dedupeKey = "dedupe_key"
        static let recipientEmail = "recipient_email"
        static let recipientName = "recipient_name"
        static let language = "language"
        static let subject = "subject"
        static let textBody = "text_body"
        static let htmlBody = "html_body"
        static let calendar = "calendar"
        static let calendarMethod = "calendar_method"
        static let messageId = "message_id"
        static let transport = "transport"
        static let state = "state"
        static let attempts = "attempts"
        static let lastError = "last_error"
        static let createdAt = "created_at"
        static let sentAt = "sent_at"
    }

    static let fields: [Field<OutboxMessage>] = [
        .value(Columns.id, \.id),
        .value(Columns.workspaceId, \.workspaceId),
        .value(Columns.bookingId, \.bookingId),
        .value(Columns.kind, \.kind),
        .value(Columns.dedupeKey, \.dedupeKey),
        .value(Columns.recipientEmail, \.recipientEmail),
        .value(Columns.recipientName, \.recipientName),
        .raw(Columns.language, \.language, unknown: .en),
        .value(Columns.subject, \.subject),
        .value(Columns.textBody, \.textBody),
        .value(Columns.htmlBody, \.htmlBody),
        .value(Columns.calendar, \.calendar),
        .value(Columns.calendarMethod, \.calendarMethod),
        .value(Columns.messageId, \.messageId),
        .raw(Columns.transport, \.transport, unknown: .outbox),
        .raw(Columns.state, \.state, unknown: .failed),
        .value(Columns.attempts, \.attempts),
        .value(Columns.lastError, \.lastError),
        .seconds(Columns.createdAt, \.createdAt),
        .seconds(Columns.sentAt, \.sentAt),
    ]

    static let blank = OutboxMessage(id: "", workspaceId: "", bookingId: nil, kind: "", dedupeKey: "", recipientEmail: "",
                                     recipientName: "", language: .en, subject: "", textBody: "", htmlBody: "", messageId: "",
                                     transport: .outbox, state: .failed, createdAt: .distantPast)
}
