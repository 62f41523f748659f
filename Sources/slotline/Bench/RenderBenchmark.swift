import Foundation
import SlotlineCore
import SlotlineNotify

/// Measures message rendering: templates into subject, text and HTML, then the whole email with
/// its calendar invitation, as the outbox and SMTP delivery produce them.
struct RenderBenchmark: Sendable {
    /// Complete messages per second over `count` renders, rotating through the three languages.
    func messagesPerSecond(count: Int) throws -> Double {
        let renderer = try MessageRenderer()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let clock = ContinuousClock()
        let started = clock.now
        for index in 0..<count {
            let language = Language.allCases[index % Language.allCases.count]
            let context = MessageContext(
                kind: .confirmed, language: language, recipientName: "Mei Lin \(index)", recipientTimeZone: "Asia/Taipei",
                workspaceName: "Harbour Studio", serviceName: "Consultation", practitionerName: "Dr. Ada", startsAt: start,
                endsAt: start.addingTimeInterval(3600), online: true, onlineInstructions: "Join from a quiet room.",
                meeting: MeetingDetails(joinURL: "https://zoom.us/j/123456789?pwd=abc", meetingNumber: "123 456 789", passcode: "246810"),
                price: "EUR 50.00", manageURL: "https://slotline.example.com/manage/mt_\(index)", customerName: "Mei Lin",
                customerEmail: "mei@example.com")
            let rendered = try renderer.render(context)
            let invite = CalendarInvite(uid: "booking-\(index)@slotline.example.com", sequence: 0, method: .request,
                                        summary: "Consultation", description: rendered.text, location: "https://zoom.us/j/123456789",
                                        start: start, end: start.addingTimeInterval(3600), stamp: start,
                                        organizer: .init(name: "Harbour Studio", email: "bookings@example.com"),
                                        attendee: .init(name: "Mei Lin", email: "mei@example.com"))
            let mail = MailMessage(from: MailAddress(name: "Harbour Studio", address: "bookings@example.com"),
                                   to: [MailAddress(name: "Mei Lin", address: "mei@example.com")], subject: rendered.subject,
                                   text: rendered.text, html: rendered.html, invite: CalendarAttachment(invite),
                                   messageID: "bench-\(index)@example.com", date: start)
            precondition(!mail.rendered().isEmpty)
        }
        return Double(count) / (clock.now - started).inSeconds
    }
}
