import SlotlineCore

/// A message to someone invited to a company video meeting: the invitation (or its update) with the
/// time, the participant link, number and passcode, or its cancellation. Words of the catalog
/// (`message.video.<kind>.*`); the HTML part is made from the text, as for every message.
public enum VideoMeetingMessage {
    public struct Facts: Sendable {
        public var title: String
        public var hostName: String
        public var workspaceName: String
        /// The time as the recipient reads it (`MessageTime.range`).
        public var when: String
        public var agenda: String
        public var meeting: MeetingDetails?
        /// The meeting's page in the back office, for colleagues; nil for outside guests.
        public var pageURL: String?

        public init(title: String, hostName: String, workspaceName: String, when: String, agenda: String, meeting: MeetingDetails?,
                    pageURL: String?) {
            self.title = title
            self.hostName = hostName
            self.workspaceName = workspaceName
            self.when = when
            self.agenda = agenda
            self.meeting = meeting
            self.pageURL = pageURL
        }
    }

    public static func render(_ kind: VideoMeeting.Notice, _ facts: Facts, language: Language, recipientName: String) -> RenderedMessage {
        let words = Words(language)
        let values = ["recipientName": recipientName, "workspaceName": facts.workspaceName, "title": facts.title, "hostName": facts.hostName]
        let subject = words["message.video.\(kind.rawValue).subject", with: values]
        var parts = [
            recipientName.isEmpty ? words["message.greeting.anonymous"] : words["message.greeting.named", with: values],
            words["message.video.\(kind.rawValue).intro", with: values],
            "\(words["message.video.when"]): \(facts.when)",
        ]
        if kind != .cancelled, let meeting = facts.meeting {
            parts.append("\(words["message.video.join"]): \(meeting.joinURL)")
            if !meeting.meetingNumber.isEmpty { parts.append("\(words["message.video.number"]): \(meeting.meetingNumber)") }
            if !meeting.passcode.isEmpty { parts.append("\(words["message.video.passcode"]): \(meeting.passcode)") }
        }
        if kind != .cancelled, !facts.agenda.isEmpty { parts.append("\(words["message.video.agenda"]):\n\(facts.agenda)") }
        if let page = facts.pageURL { parts.append("\(words["message.video.page"]): \(page)") }
        parts.append(words["message.signature", with: values])
        let text = parts.joined(separator: "\n\n")
        return RenderedMessage(subject: subject, text: text, html: MessageHTML.document(subject: subject, text: text, language: language))
    }
}
