import Foundation
import SlotlineCore

/// Every kind of job Slotline runs. Each has one payload type (`JobPayload`), used both where the
/// job is enqueued and by the handler that runs it.
public enum JobKind: String, Sendable, CaseIterable, Codable {
    /// `BookingEvents`: what happened in one change of a booking (messages, reminders, webhooks, meetings).
    case bookingEvent = "booking.event"
    /// `BookingExpiry`: an unpaid hold whose payment window closes.
    case bookingExpire = "booking.expire"
    /// `ReminderDue`: a reminder before a confirmed booking.
    case bookingRemind = "booking.remind"
    /// `MeetingSync`: make the provider match what a meeting's bookings want.
    case meetingSync = "meeting.sync"
    /// `MeetingReady`: send the link of a meeting created after its confirmations went without it.
    case meetingReady = "meeting.ready"
    /// `MeetingEnd`: end a meeting at the provider that staff ended early.
    case meetingEnd = "meeting.end"
    /// `VideoMeetingNotice`: invitations to a video meeting, their updates and its cancellation.
    case videoNotice = "video.notice"
    /// `ChatReply`: a chat meeting's link, posted to the chat once the provider made it.
    case chatReply = "chat.reply"
    /// `MeetingToolWanted`: confirmed online bookings of a practitioner without a meeting tool.
    case meetingToolWanted = "meeting.tool-wanted"
    /// `WebhookDeliveryDue`: one delivery of one event to one subscription.
    case webhookDeliver = "webhook.deliver"
    /// `MailDeliveryDue`: one message to the SMTP server.
    case mailDeliver = "mail.deliver"
}

/// What a job of one kind carries, as JSON in the job row.
public protocol JobPayload: Codable, Sendable {
    static var kind: JobKind { get }
}

/// The booking whose payment hold may have lapsed.
public struct BookingExpiry: JobPayload, Equatable {
    public static let kind = JobKind.bookingExpire
    public var bookingId: String
    public var workspaceId: String

    public init(bookingId: String, workspaceId: String) {
        self.bookingId = bookingId
        self.workspaceId = workspaceId
    }
}

/// What happened in one change of one booking.
public struct BookingEvents: JobPayload, Equatable {
    public static let kind = JobKind.bookingEvent
    public var bookingId: String
    public var workspaceId: String
    public var events: [BookingEvent]
    /// The booking's state right after the change.
    public var state: BookingState
    /// The booking's sequence after the change (calendar SEQUENCE, message and event identities).
    public var sequence: Int
    /// The start before a reschedule.
    public var previousStartsAt: Date?
    public var occurredAt: Date

    public init(bookingId: String, workspaceId: String, events: [BookingEvent], state: BookingState, sequence: Int,
                previousStartsAt: Date?, occurredAt: Date) {
        self.bookingId = bookingId
        self.workspaceId = workspaceId
        self.events = events
        self.state = state
        self.sequence = sequence
        self.previousStartsAt = previousStartsAt
        self.occurredAt = occurredAt
    }
}

/// A reminder: which booking, how long before its start, and the start it was planned for (a
/// reminder for a start that moved is stale and sends nothing).
public struct ReminderDue: JobPayload, Equatable {
    public static let kind = JobKind.bookingRemind
    public var bookingId: String
    public var workspaceId: String
    public var offsetMinutes: Int
    public var startsAt: Date

    public init(bookingId: String, workspaceId: String, offsetMinutes: Int, startsAt: Date) {
        self.bookingId = bookingId
        self.workspaceId = workspaceId
        self.offsetMinutes = offsetMinutes
        self.startsAt = startsAt
    }
}

/// The meeting to bring in line with its bookings.
public struct MeetingSync: JobPayload, Equatable {
    public static let kind = JobKind.meetingSync
    public var meetingId: String

    public init(meetingId: String) { self.meetingId = meetingId }
}

/// The meeting whose link its customers have not had yet.
public struct MeetingReady: JobPayload, Equatable {
    public static let kind = JobKind.meetingReady
    public var meetingId: String

    public init(meetingId: String) { self.meetingId = meetingId }
}

/// The provider meeting of a video meeting staff ended early.
public struct MeetingEnd: JobPayload, Equatable {
    public static let kind = JobKind.meetingEnd
    public var meetingId: String

    public init(meetingId: String) { self.meetingId = meetingId }
}

/// People to tell about a video meeting; `sequence` orders the calendar updates of one meeting.
public struct VideoMeetingNotice: JobPayload, Equatable {
    public static let kind = JobKind.videoNotice
    public var videoMeetingId: String
    public var workspaceId: String
    public var notice: VideoMeeting.Notice
    public var participants: [Participant]
    public var sequence: Int

    public init(videoMeetingId: String, workspaceId: String, notice: VideoMeeting.Notice, participants: [Participant], sequence: Int) {
        self.videoMeetingId = videoMeetingId
        self.workspaceId = workspaceId
        self.notice = notice
        self.participants = participants
        self.sequence = sequence
    }
}

/// One answer to a chat's `/meet`: the participant link to the channel, or the host link to the caller.
public struct ChatReply: JobPayload, Equatable {
    public static let kind = JobKind.chatReply
    public var videoMeetingId: String
    public var workspaceId: String
    public var responseURL: String
    public var toChannel: Bool

    public init(videoMeetingId: String, workspaceId: String, responseURL: String, toChannel: Bool) {
        self.videoMeetingId = videoMeetingId
        self.workspaceId = workspaceId
        self.responseURL = responseURL
        self.toChannel = toChannel
    }
}

/// A practitioner whose confirmed online bookings want a meeting while no tool of theirs can make
/// one: staff are told, and the job stays parked among the failed jobs until a tool is connected.
public struct MeetingToolWanted: JobPayload, Equatable {
    public static let kind = JobKind.meetingToolWanted
    public var practitionerId: String
    public var workspaceId: String

    public init(practitionerId: String, workspaceId: String) {
        self.practitionerId = practitionerId
        self.workspaceId = workspaceId
    }
}

/// The webhook delivery to attempt.
public struct WebhookDeliveryDue: JobPayload, Equatable {
    public static let kind = JobKind.webhookDeliver
    public var deliveryId: String

    public init(deliveryId: String) { self.deliveryId = deliveryId }
}

/// The message to hand to the SMTP server.
public struct MailDeliveryDue: JobPayload, Equatable {
    public static let kind = JobKind.mailDeliver
    public var messageId: String

    public init(messageId: String) { self.messageId = messageId }
}

/// The job subjects that let a thing's pending jobs be found and replaced.
public enum JobSubject {
    public static func booking(_ id: String) -> String { "booking:\(id)" }
    public static func meeting(_ id: String) -> String { "meeting:\(id)" }
    public static func webhook(_ subscriptionId: String) -> String { "webhook:\(subscriptionId)" }
    public static func message(_ id: String) -> String { "message:\(id)" }
    public static func practitioner(_ id: String) -> String { "practitioner:\(id)" }
    public static func videoMeeting(_ id: String) -> String { "video-meeting:\(id)" }
}
