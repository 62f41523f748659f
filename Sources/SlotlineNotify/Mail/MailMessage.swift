import Foundation

/// A complete email (RFC 5322 with MIME): text and HTML alternatives, and the calendar invitation
/// both inline and as an attachment when there is one. Rendering does no I/O.
public struct MailMessage: Sendable, Equatable {
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var from: MailAddress
    public var to: [MailAddress]
    public var replyTo: MailAddress?
    public var subject: String
    public var text: String
    public var html: String
    public var invite: CalendarAttachment?
    /// Without angle brackets, e.g. `3f2c…@slotline.example`.
    public var messageID: String
    public var date: Date
    /// Added after the standard fields; names this type writes itself (From, Subject, Content-Type, …) are ignored.
    public var extraHeaders: [Header]

    public init(
        from: MailAddress, to: [MailAddress], replyTo: MailAddress? = nil, subject: String, text: String, html: String,
        invite: CalendarAttachment? = nil, messageID: String, date: Date, extraHeaders: [Header] = []
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.invite = invite
        self.messageID = messageID
        self.date = date
        self.extraHeaders = extraHeaders
    }

    /// A fresh, globally unique Message-ID under the sender's domain.
    public static func newMessageID(domain: String) -> String {
        "\(UUID().uuidString.lowercased())@\(domain)"
    }

    /// The message as sent: 7-bit ASCII, CRLF line endings, no line over 998 octets.
    public func rendered() -> String {
        var random = SystemRandomNumberGenerator()
        return rendered(using: &random)
    }

    func rendered<Random: RandomNumberGenerator>(using random: inout Random) -> String {
        var fields = [
            HeaderField("Date", UTCDateTime(date).rfc5322),
            Self.addressField("From", [from]),
        ]
        if !to.isEmpty { fields.append(Self.addressField("To", to)) }
        if let replyTo { fields.append(Self.addressField("Reply-To", [replyTo])) }
        fields.append(.unstructured("Subject", subject))
        fields.append(HeaderField(name: "Message-ID", tokens: ["<\(Self.bare(messageID))>"]))
        for header in extraHeaders {
            let name = Self.fieldName(header.name)
            guard !name.isEmpty, !Self.reservedNames.contains(name.lowercased()) else { continue }
            fields.append(.unstructured(name, header.value))
        }
        fields.append(HeaderField(name: "MIME-Version", tokens: ["1.0"]))
        let content = body(using: &random)
        return fields.map(\.rendered).joined() + content.rendered
    }

    private func body<Random: RandomNumberGenerator>(using random: inout Random) -> MIMEPart {
        var alternatives = [
            MIMEPart.text(text, contentType: "text/plain; charset=utf-8"),
            MIMEPart.text(html, contentType: "text/html; charset=utf-8"),
        ]
        guard let invite else { return .multipart("alternative", alternatives, using: &random) }
        let calendar = invite.parts
        alternatives.append(calendar.inline)
        let alternative = MIMEPart.multipart("alternative", alternatives, using: &random)
        return .multipart("mixed", [alternative, calendar.attachment], using: &random)
    }

    /// Addresses separated by commas, the comma riding on the last token of each mailbox.
    private static func addressField(_ name: String, _ addresses: [MailAddress]) -> HeaderField {
        let tokens = addresses.enumerated().flatMap { index, address in
            var tokens = address.headerTokens(firstRoom: index == 0 ? HeaderField.firstLineRoom(name) : HeaderField.continuationRoom)
            if index < addresses.count - 1 { tokens[tokens.count - 1] += "," }
            return tokens
        }
        return HeaderField(name: name, tokens: tokens)
    }

    private static let reservedNames: Set<String> = [
        "date", "from", "to", "cc", "bcc", "reply-to", "sender", "subject", "message-id", "mime-version",
        "content-type", "content-transfer-encoding", "content-disposition",
    ]

    /// ftext of RFC 5322: printable ASCII except the colon.
    private static func fieldName(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F && $0 != ":" }))
    }

    private static func bare(_ messageID: String) -> String {
        String(String.UnicodeScalarView(messageID.unicodeScalars.filter { scalar in
            scalar.value > 0x20 && scalar.value < 0x7F && scalar != "<" && scalar != ">"
        }))
    }
}
