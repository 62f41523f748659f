import AsyncHTTPClient
import SlotlineNotify
import SlotlineStore

/// Every job handler the server runs.
public func jobHandlers(store: Store, settings: ServerSettings, httpClient: HTTPClient = .shared) throws -> [any JobHandler] {
    let meetings = BookingMeetings(store: store)
    let messages = try BookingMessages(store: store, settings: settings, renderer: MessageRenderer(), meetings: meetings)
    let registry = ProviderRegistry(settings: settings, httpClient: httpClient, time: store.time)
    return [
        ExpireBookingHandler(store: store),
        BookingEventHandler(store: store, messages: messages, meetings: meetings),
        ReminderHandler(messages: messages),
        MailDeliveryHandler(store: store, settings: settings),
        WebhookDeliveryHandler(store: store, settings: settings, client: httpClient),
        MeetingSyncHandler(store: store, settings: settings, registry: registry, messages: messages),
        MeetingReadyHandler(store: store, messages: messages),
    ]
}
