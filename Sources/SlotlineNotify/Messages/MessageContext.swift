import Foundation
import SlotlineCore

/// Everything a message about one booking may say, gathered by the caller. The renderer decides
/// what of it appears: meeting details only in the kinds that carry them.
public struct MessageContext: Sendable {
    public var kind: MessageKind
    public var language: Language
    public var recipientName: String
    /// The zone times are shown in, named in the message (the customer's, or the workspace's for staff).
    public var recipientTimeZone: String
    public var workspaceName: String
    public var serviceName: String
    public var practitionerName: String
    public var startsAt: Date
    public var endsAt: Date
    /// The start before a reschedule.
    public var previousStartsAt: Date?
    public var online: Bool
    /// The service's public online instructions: the only meeting text allowed before confirmation.
    public var onlineInstructions: String
    /// Private details; ignored unless `kind.carriesMeetingDetails`.
    public var meeting: MeetingDetails?
    /// No meeting yet, but one is made for this booking: the message says its link follows by email.
    public var meetingFollows = false
    public var paymentInstructions: String
    /// e.g. "EUR 50.00"; empty for free services.
    public var price: String
    /// The booking number the customer quotes with a payment (`Booking.reference`).
    public var bookingReference: String
    /// Where the customer views, reschedules or cancels the booking.
    public var manageURL: String
    public var customerName: String
    public var customerEmail: String
    public var customerPhone: String
    public var notes: String
    /// Why a booking was cancelled or declined, when someone said.
    public var reason: String
    /// For reminders: how long before the start this one goes out.
    public var reminderOffsetMinutes: Int?

    public init(kind: MessageKind, language: Language, recipientName: String, recipientTimeZone: String,
                workspaceName: String, serviceName: String, practitionerName: String, startsAt: Date, endsAt: Date,
                previousStartsAt: Date? = nil, online: Bool, onlineInstructions: String = "", meeting: MeetingDetails? = nil,
                paymentInstructions: String = "", price: String = "", bookingReference: String = "", manageURL: String,
                customerName: String, customerEmail: String, customerPhone: String = "", notes: String = "",
                reason: String = "", reminderOffsetMinutes: Int? = nil) {
        self.kind = kind
        self.language = language
        self.recipientName = recipientName
        self.recipientTimeZone = recipientTimeZone
        self.workspaceName = workspaceName
        self.serviceName = serviceName
        self.practitionerName = practitionerName
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.previousStartsAt = previousStartsAt
        self.online = online
        self.onlineInstructions = onlineInstructions
        self.meeting = meeting
        self.paymentInstructions = paymentInstructions
        self.price = price
        self.bookingReference = bookingReference
        self.manageURL = manageURL
        self.customerName = customerName
        self.customerEmail = customerEmail
        self.customerPhone = customerPhone
        self.notes = notes
        self.reason = reason
        self.reminderOffsetMinutes = reminderOffsetMinutes
    }
}

/// A message ready for the outbox or an email: subject, plain text and HTML.
public struct RenderedMessage: Sendable, Equatable {
    public var subject: String
    public var text: String
    public var html: String

    public init(subject: String, text: String, html: String) {
        self.subject = subject
        self.text = text
        self.html = html
    }
}
