/// A rendered invitation as it rides in an email: once inline as `text/calendar` (so Outlook and
/// Gmail show accept/decline) and once as the `invite.ics` attachment.
public struct CalendarAttachment: Sendable, Equatable {
    public var ics: String
    public var method: CalendarInvite.Method

    public init(ics: String, method: CalendarInvite.Method) {
        self.ics = ics
        self.method = method
    }

    public init(_ invite: CalendarInvite) {
        self.init(ics: invite.render(), method: invite.method)
    }

    var parts: (inline: MIMEPart, attachment: MIMEPart) {
        (
            MIMEPart.text(ics, contentType: "text/calendar; charset=utf-8; method=\(method.rawValue)"),
            MIMEPart.text(
                ics, contentType: "application/ics; name=\"invite.ics\"",
                extraHeaders: [HeaderField("Content-Disposition", "attachment; filename=\"invite.ics\"")]
            )
        )
    }
}
