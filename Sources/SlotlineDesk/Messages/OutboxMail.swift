import Foundation
import SlotlineNotify
import SlotlineStore

extension OutboxMessage {
    /// The email this outbox message is: the same bytes for the `.eml` download and for SMTP.
    public func mail(from sender: MailAddress) -> MailMessage {
        MailMessage(from: sender, to: [MailAddress(name: recipientName, address: recipientEmail)], subject: subject,
                    text: textBody, html: htmlBody,
                    invite: calendar.map { CalendarAttachment(ics: $0, method: CalendarInvite.Method(rawValue: calendarMethod ?? "") ?? .request) },
                    messageID: messageId, date: createdAt)
    }
}
