import AsyncHTTPClient
import SlotlineNotify
import SlotlineStore

/// Every job handler the server runs.
public func jobHandlers(store: Store, settings: ServerSettings, httpClient: HTTPClient = .shared) throws -> [any JobHandler] {
    let messages = try BookingMessages(store: store, settings: settings, renderer: MessageRenderer(), meetings: StaticMeetingDetails())
    return [
        ExpireBookingHandler(store: store),
        BookingEventHandler(store: store, messages: messages),
        ReminderHandler(messages: messages),
        MailDeliveryHandler(store: store, settings: settings),
        WebhookDeliveryHandler(store: store, settings: settings, client: httpClient),
    ]
}
