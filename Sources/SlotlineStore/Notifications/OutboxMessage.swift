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

struct OutboxMessageRecord: Codable, Sendable {
    static let table = "messages"
    var id: String
    var workspaceId: String
    var bookingId: String?
    var kind: String
    var dedupeKey: String
    var recipientEmail: String
    var recipientName: String
    var language: String
    var subject: String
    var textBody: String
    var htmlBody: String
    var calendar: String?
    var calendarMethod: String?
    var messageId: String
    var transport: String
    var state: String
    var attempts: Int
    var lastError: String?
    var createdAt: Int64
    var sentAt: Int64?

    init(_ message: OutboxMessage) {
        id = message.id
        workspaceId = message.workspaceId
        bookingId = message.bookingId
        kind = message.kind
        dedupeKey = message.dedupeKey
        recipientEmail = message.recipientEmail
        recipientName = message.recipientName
        language = message.language.rawValue
        subject = message.subject
        textBody = message.textBody
        htmlBody = message.htmlBody
        calendar = message.calendar
        calendarMethod = message.calendarMethod
        messageId = message.messageId
        transport = message.transport.rawValue
        state = message.state.rawValue
        attempts = message.attempts
        lastError = message.lastError
        createdAt = message.createdAt.unixSeconds
        sentAt = message.sentAt?.unixSeconds
    }

    var model: OutboxMessage {
        OutboxMessage(id: id, workspaceId: workspaceId, bookingId: bookingId, kind: kind, dedupeKey: dedupeKey,
                      recipientEmail: recipientEmail, recipientName: recipientName, language: Language(rawValue: language) ?? .en,
                      subject: subject, textBody: textBody, htmlBody: htmlBody, calendar: calendar, calendarMethod: calendarMethod,
                      messageId: messageId, transport: OutboxMessage.Transport(rawValue: transport) ?? .outbox,
                      state: OutboxMessage.State(rawValue: state) ?? .failed, attempts: attempts, lastError: lastError,
                      createdAt: Date(unixSeconds: createdAt), sentAt: sentAt.map(Date.init(unixSeconds:)))
    }
}
