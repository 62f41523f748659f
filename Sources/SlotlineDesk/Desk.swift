import AsyncHTTPClient
import SlotlineCore
import SlotlineNotify
import SlotlineStore

/// Every use case, for every interface (the API, the pages, the command line) and for the job
/// handlers: built once from the store, the settings and the HTTP client providers are called with.
public struct Desk: Sendable {
    public let store: Store
    public let settings: ServerSettings
    /// Booking changes: submit, decide, reschedule, customer requests, expiry.
    public let bookings: BookingDesk
    public let slots: SlotQuery
    public let reminders: ReminderSchedule
    let registry: ProviderRegistry
    let meetings: BookingMeetings
    let messages: BookingMessages
    let httpClient: HTTPClient

    public init(store: Store, settings: ServerSettings, httpClient: HTTPClient = .shared) throws {
        self.store = store
        self.settings = settings
        self.httpClient = httpClient
        bookings = BookingDesk(store: store, limits: settings.meetingDurationLimits)
        slots = SlotQuery(store: store, limits: settings.meetingDurationLimits)
        reminders = ReminderSchedule(store: store)
        registry = ProviderRegistry(settings: settings, httpClient: httpClient, time: store.time)
        meetings = BookingMeetings(store: store)
        messages = try BookingMessages(store: store, settings: settings, renderer: MessageRenderer(), meetings: meetings)
        staffAccess = StaffAccess(store: store)
    }

    /// Connecting, choosing and disconnecting a practitioner's online meeting tools.
    public var connections: ProviderConnections { ProviderConnections(store: store, settings: settings, registry: registry) }

    /// Staff's video meetings on the workspace pool of lines.
    public var videoMeetings: VideoMeetingDesk { VideoMeetingDesk(store: store, settings: settings) }

    /// Conference cards, and the video meetings launched from them.
    public var conferences: ConferenceDesk { ConferenceDesk(store: store, videoMeetings: videoMeetings) }

    /// The chat's `/meet` command.
    public var chatMeetings: ChatMeetings { ChatMeetings(store: store, settings: settings, videoMeetings: videoMeetings) }

    /// The workspace pool of lines, as admins configure it.
    public var lines: LinePool { LinePool(store: store, registry: registry) }

    /// What providers report through their webhooks.
    public var providerEvents: ProviderEvents { ProviderEvents(store: store) }

    /// Staff sign-in and sign-out, and API keys.
    public let staffAccess: StaffAccess

    /// Subscriptions to Slotline's own webhooks.
    public var webhookSubscriptions: WebhookSubscriptions { WebhookSubscriptions(store: store, settings: settings) }

    /// Every job handler, each calling the same use cases as the interfaces.
    public var jobHandlers: [any JobHandler] {
        [
            ExpireBookingHandler(desk: bookings),
            BookingEventHandler(store: store, messages: messages, meetings: meetings, reminders: reminders),
            ReminderHandler(messages: messages),
            MailDeliveryHandler(store: store, settings: settings),
            WebhookDeliveryHandler(store: store, settings: settings, client: httpClient),
            MeetingSyncHandler(store: store, settings: settings, registry: registry, messages: messages),
            MeetingReadyHandler(store: store, messages: messages),
            MeetingEndHandler(store: store, settings: settings, registry: registry),
            VideoNoticeHandler(store: store, settings: settings),
            ChatReplyHandler(store: store, settings: settings, client: httpClient),
            MeetingToolHandler(store: store, meetings: meetings, messages: messages),
        ]
    }

    /// Puts a failed job back in the queue with fresh attempts (the staff "retry" action).
    public func retryJob(id: String, workspaceId: String?) async throws -> Job {
        try await store.jobs.retry(id: id, workspaceId: workspaceId)
    }
}
