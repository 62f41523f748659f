import Foundation
import SlotlineCore
import SlotlineNotify
import SlotlineStore

extension ServerSettings {
    /// A rendered message as the outbox keeps it: kept there only without SMTP, else queued for delivery.
    func outgoing(_ kind: String, to recipient: MailAddress, language: Language, rendered: RenderedMessage, invite: CalendarInvite? = nil,
                  bookingId: String?, workspaceId: String, dedupeKey: String, now: Date) -> OutboxMessage {
        OutboxMessage(id: Secrets.newID(), workspaceId: workspaceId, bookingId: bookingId, kind: kind, dedupeKey: dedupeKey,
                      recipientEmail: recipient.address, recipientName: recipient.name, language: language,
                      subject: rendered.subject, textBody: rendered.text, htmlBody: rendered.html,
                      calendar: invite?.render(), calendarMethod: invite?.method.rawValue,
                      messageId: MailMessage.newMessageID(domain: domain),
                      transport: smtp == nil ? .outbox : .smtp, state: smtp == nil ? .stored : .queued, createdAt: now)
    }
}
