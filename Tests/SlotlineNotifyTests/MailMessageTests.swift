import Foundation
import SlotlineTestSupport
import Testing
@testable import SlotlineNotify

@Suite struct MailMessageTests {
    @Test func encodesAChineseSubjectInShortWordsCutBetweenCharacters() throws {
        let subject = "您的预约已确认：初诊咨询（王医生）2026年11月22日 星期日 上午9:00–9:45，请提前五分钟加入会议 👨‍👩‍👧"
        let message = MailFixture.message(subject: subject)

        let headerLines = try #require(MIMEText.rawHeaderLines("Subject", in: message.rendered()))

        #expect(headerLines.count > 1)
        for line in headerLines { #expect(line.utf8.count <= 76) }
        let words = headerLines.joined().split(separator: " ").dropFirst()
        for word in words {
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let payload = try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
            #expect(String(validating: payload, as: UTF8.self) != nil, "an encoded-word cuts a character")
        }
        #expect(MIMEText.decodedHeader(headerLines.joined(separator: "\r\n")) == "Subject: " + subject)
    }

    @Test func keepsAnASCIISubjectReadableAndFoldsItAtSpaces() throws {
        let subject = "Your booking with Dr. Wang is confirmed:   Tuesday 24 November 2026 at 09:00 (45 minutes), see you then"
        let message = MailFixture.message(subject: subject)

        let headerLines = try #require(MIMEText.rawHeaderLines("Subject", in: message.rendered()))

        #expect(headerLines.count == 2)
        for line in headerLines { #expect(line.utf8.count <= 76) }
        #expect(headerLines.joined() == "Subject: " + subject)
    }

    @Test func encodesASubjectThatCouldBeMistakenForAnEncodedWord() throws {
        let message = MailFixture.message(subject: "Code =?ab?= inside")

        let headerLines = try #require(MIMEText.rawHeaderLines("Subject", in: message.rendered()))

        #expect(headerLines[0].hasPrefix("Subject: =?UTF-8?B?"))
        #expect(MIMEText.decodedHeader(headerLines.joined()) == "Subject: Code =?ab?= inside")
    }

    @Test(arguments: [
        (MailAddress(name: "Ada Lovelace", address: "ada@example.com"), "Ada Lovelace <ada@example.com>"),
        (MailAddress(name: "Wang, Dr.", address: "wang@clinic.example"), "\"Wang, Dr.\" <wang@clinic.example>"),
        (MailAddress(name: "Say \"hi\" \\o/", address: "hi@example.com"), #""Say \"hi\" \\o/" <hi@example.com>"#),
        (MailAddress(name: "王医生", address: "wang@clinic.example"), "=?UTF-8?B?546L5Yy755Sf?= <wang@clinic.example>"),
        (MailAddress(name: "", address: "li@example.com"), "li@example.com"),
        (MailAddress(name: "Eve\r\nBcc: x@y", address: "eve@example.com\r\nBcc: z@w"), "\"Eve  Bcc: x@y\" <eve@example.comBccz@w>"),
    ])
    func rendersDisplayNames(address: MailAddress, expected: String) {
        #expect(address.description == expected)
    }

    @Test(arguments: [
        ("Ada Lovelace <ada@example.com>", MailAddress(name: "Ada Lovelace", address: "ada@example.com")),
        (#" "Wang, Dr. \"W\"" <wang@clinic.example> "#, MailAddress(name: "Wang, Dr. \"W\"", address: "wang@clinic.example")),
        ("王医生 <wang@clinic.example>", MailAddress(name: "王医生", address: "wang@clinic.example")),
        ("<li@example.com>", MailAddress(name: "", address: "li@example.com")),
        ("li@example.com", MailAddress(name: "", address: "li@example.com")),
    ])
    func parsesAddresses(text: String, expected: MailAddress) {
        #expect(MailAddress.parse(text) == expected)
    }

    @Test(arguments: ["", "Ada", "Ada <>", "a@b@example.com", "a b@example.com", "<@example.com>", "a@", "a@.example", "李@example.com"])
    func refusesWhatIsNotAPlainAddress(text: String) {
        #expect(MailAddress.parse(text) == nil)
    }

    @Test func foldsAddressListsBetweenWordsAndMailboxes() throws {
        let to = [
            MailAddress(name: "欧阳小明（家长）与欧阳小红（学生）以及他们的联系人", address: "ouyang@example.com"),
            MailAddress(name: "Dr. Alexandra Catherine Montgomery-Whitfield, Department of Paediatrics", address: "amw@hospital.example"),
            MailAddress(name: "Ada Lovelace", address: "ada@example.com"),
            MailAddress(name: "", address: "li@example.com"),
        ]
        let message = MailFixture.message(to: to, replyTo: MailAddress(name: String(repeating: "前台", count: 30), address: "desk@clinic.example"))

        let rendered = message.rendered()

        for name in ["To", "Reply-To", "From"] {
            let lines = try #require(MIMEText.rawHeaderLines(name, in: rendered))
            for line in lines { #expect(line.utf8.count <= 76, "\(line)") }
        }
        let toLines = try #require(MIMEText.rawHeaderLines("To", in: rendered))
        #expect(MIMEText.decodedHeader(toLines.joined(separator: "\r\n")) == "To: " + to.map(\.decodedForm).joined(separator: ", "))
    }

    @Test func writesTheStandardHeadersInOrder() throws {
        let message = MailFixture.message(
            to: [MailFixture.customer, MailAddress(name: "Ada Lovelace", address: "ada@example.com")],
            replyTo: MailAddress(name: "Front desk", address: "desk@clinic.example"),
            messageID: "<abc123@slotline.example>", date: MailFixture.instant("2026-11-22T17:00:00+08:00"),
            extraHeaders: [.init("Auto-Submitted", "auto-generated")]
        )

        let headers = MIMEText.entity(message.rendered()).headers

        try #require(headers.map(\.name) == [
            "Date", "From", "To", "Reply-To", "Subject", "Message-ID", "Auto-Submitted", "MIME-Version", "Content-Type",
        ])
        #expect(headers[0].value == "Sun, 22 Nov 2026 09:00:00 +0000")
        #expect(MIMEText.decodedHeader(headers[2].value) == "李小明 <li@example.com>, Ada Lovelace <ada@example.com>")
        #expect(headers[5].value == "<abc123@slotline.example>")
        #expect(headers[7].value == "1.0")
    }

    @Test func carriesTheInviteInlineAndAsAnAttachment() throws {
        let ics = MailFixture.invite(method: .cancel).render()
        let message = MailFixture.message(invite: CalendarAttachment(ics: ics, method: .cancel))

        let top = MIMEText.entity(message.rendered())

        #expect(top.mediaType == "multipart/mixed")
        let alternative = try #require(top.parts.first)
        try #require(top.parts.map(\.mediaType) == ["multipart/alternative", "application/ics"])
        try #require(alternative.parts.map(\.mediaType) == ["text/plain", "text/html", "text/calendar"])
        #expect(alternative.parts.map { $0.parameter("charset") } == ["utf-8", "utf-8", "utf-8"])
        #expect(alternative.parts[0].decodedBody == MailFixture.text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(alternative.parts[1].decodedBody == MailFixture.html.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(alternative.parts[2].decodedBody == ics)
        #expect(alternative.parts[2].parameter("method") == "CANCEL")
        let attachment = top.parts[1]
        #expect(attachment.header("Content-Disposition") == "attachment; filename=\"invite.ics\"")
        #expect(attachment.parameter("name") == "invite.ics")
        #expect(attachment.decodedBody == ics)
    }

    @Test func withoutAnInviteIsJustTextAndHTML() throws {
        let top = MIMEText.entity(MailFixture.message(invite: nil).rendered())

        #expect(top.mediaType == "multipart/alternative")
        #expect(top.parts.map(\.mediaType) == ["text/plain", "text/html"])
        #expect(try #require(top.parts.first).decodedBody == MailFixture.text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func staysSevenBitWithCRLFAndShortLines() {
        let longLink = "https://meet.example.com/j/1?pwd=" + String(repeating: "Ab9-", count: 400)
        let message = MailFixture.message(
            text: String(repeating: "您的预约已确认，请准时参加。", count: 80) + "\n" + longLink + "\r\n\rend  \n",
            html: "<p><a href=\"\(longLink)\">加入会议</a></p>\n" + String(repeating: "<b>x</b> ", count: 300)
        )

        let rendered = message.rendered()

        #expect(rendered.utf8.allSatisfy { $0 < 128 })
        let octets = Array(rendered.utf8)
        for (index, octet) in octets.enumerated() {
            if octet == 10 { #expect(index > 0 && octets[index - 1] == 13, "bare LF at \(index)") }
            if octet == 13 { #expect(index + 1 < octets.count && octets[index + 1] == 10, "bare CR at \(index)") }
        }
        for line in rendered.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 76, "\(line)") }
    }

    @Test func choosesQuotedPrintableForEnglishAndBase64ForChinese() throws {
        let english = MIMEText.entity(MailFixture.message(text: "Total = 5 \nThanks\t", html: "<p>Hi</p>", invite: nil).rendered())
        let chinese = MIMEText.entity(MailFixture.message(text: "您的预约已确认。", html: "<p>您好</p>", invite: nil).rendered())

        let englishText = try #require(english.parts.first)
        let chineseText = try #require(chinese.parts.first)
        #expect(englishText.header("Content-Transfer-Encoding") == "quoted-printable")
        #expect(englishText.body == "Total =3D 5=20\r\nThanks=09")
        #expect(chineseText.header("Content-Transfer-Encoding") == "base64")
        #expect(chineseText.decodedBody == "您的预约已确认。")
    }

    @Test func breaksLongQuotedPrintableLinesSoftly() throws {
        let line = String(repeating: "The quick brown fox = jumps. ", count: 10)
        let part = try #require(MIMEText.entity(MailFixture.message(text: line, invite: nil).rendered()).parts.first)

        #expect(part.header("Content-Transfer-Encoding") == "quoted-printable")
        #expect(part.body.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(part.body.contains("=\r\n"))
        #expect(part.decodedBody == line)
    }

    @Test func picksAFreshBoundaryEachTimeThatNoPartContains() throws {
        let message = MailFixture.message(text: "--=_slotline_ looks like a boundary")

        let first = MIMEText.entity(message.rendered())
        let second = MIMEText.entity(message.rendered())

        let firstBoundary = first.parameter("boundary")
        #expect(firstBoundary != nil)
        #expect(firstBoundary != second.parameter("boundary"))
        let alternative = try #require(first.parts.first)
        #expect(alternative.parameter("boundary") != firstBoundary)
        #expect(alternative.parts.first?.decodedBody == "--=_slotline_ looks like a boundary")
    }

    @Test func keepsInjectedLineBreaksOutOfTheHeaders() {
        let message = MailFixture.message(
            subject: "Hello\r\nBcc: evil@example.com",
            extraHeaders: [.init("X-Slotline-Booking", "bk_1\nBcc: evil@example.com"), .init("From", "evil@example.com"), .init("Bad Name:", "x")]
        )

        let headers = MIMEText.entity(message.rendered()).headers

        #expect(!headers.contains { $0.name.lowercased() == "bcc" })
        #expect(headers.filter { $0.name == "From" }.count == 1)
        #expect(headers.contains { $0.name == "Subject" && $0.value == "Hello  Bcc: evil@example.com" })
        #expect(headers.contains { $0.name == "X-Slotline-Booking" && $0.value == "bk_1 Bcc: evil@example.com" })
        #expect(headers.contains { $0.name == "BadName" && $0.value == "x" })
    }

    @Test(.enabled(if: PythonTools.enabled, "needs SLOTLINE_TEST_PYTHON_BIN=$(scripts/pytools)"))
    func pythonEmailReadsWhatWeWrite() throws {
        let ics = MailFixture.invite(method: .request).render()
        let messages = [
            MailFixture.message(
                to: [MailFixture.customer, MailAddress(name: "Wang, Dr. \"W\"", address: "wang@clinic.example")],
                replyTo: MailAddress(name: "前台 Front desk", address: "desk@clinic.example"),
                invite: CalendarAttachment(ics: ics, method: .request)
            ),
            MailFixture.message(subject: "Booking received", text: "Thanks!\nWe will confirm soon.", html: "<p>Thanks!</p>", invite: nil),
        ]
        let directory = try PythonTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("read_eml.py")
        try Data(MailFixture.pythonReader.utf8).write(to: script)
        let files = try messages.enumerated().map { index, message in
            let file = directory.appendingPathComponent("message-\(index).eml")
            try Data(message.rendered().utf8).write(to: file)
            return file.path
        }

        let run = try PythonTools.python([script.path] + files)

        #expect(run.status == 0, "\(run.errors)")
        let results = try run.jsonLines()
        try #require(results.count == messages.count)
        func mailboxes(_ value: Any?) -> [MailAddress] {
            ((value as? [[String: String]]) ?? []).map { MailAddress(name: $0["name"] ?? "", address: $0["address"] ?? "") }
        }
        func lf(_ text: String) -> String { text.replacingOccurrences(of: "\r\n", with: "\n") }
        for (message, result) in zip(messages, results) {
            #expect((result["defects"] as? [String]) == [])
            #expect(result["subject"] as? String == message.subject)
            #expect(mailboxes(result["from"]) == [message.from])
            #expect(mailboxes(result["to"]) == message.to)
            #expect(mailboxes(result["reply_to"]) == (message.replyTo.map { [$0] } ?? []))
            #expect(result["message_id"] as? String == "<\(message.messageID)>")
            #expect(result["date"] as? String == "2026-11-01T08:00:00+00:00")
            let parts = (result["parts"] as? [[String: Any]]) ?? []
            let leaves = parts.filter { $0["content"] != nil }
            #expect(leaves.first { $0["type"] as? String == "text/plain" }?["content"] as? String == lf(message.text))
            #expect(leaves.first { $0["type"] as? String == "text/html" }?["content"] as? String == lf(message.html))
            if message.invite != nil {
                #expect(parts.map { $0["type"] as? String } == [
                    "multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar", "application/ics",
                ])
                let calendar = try #require(leaves.first { $0["type"] as? String == "text/calendar" })
                #expect(calendar["content"] as? String == lf(ics))
                #expect(calendar["method"] as? String == "REQUEST")
                #expect(calendar["uid"] as? String == "bk_01J9Z@slotline.example")
                let attachment = try #require(leaves.first { $0["type"] as? String == "application/ics" })
                #expect(attachment["disposition"] as? String == "attachment")
                #expect(attachment["filename"] as? String == "invite.ics")
                #expect(attachment["content"] as? String == lf(ics))
            } else {
                #expect(parts.map { $0["type"] as? String } == ["multipart/alternative", "text/plain", "text/html"])
            }
        }
    }
}

extension MailAddress {
    /// How a reader shows the mailbox once encoded-words are decoded.
    fileprivate var decodedForm: String {
        if name.isEmpty { return address }
        let quoted = name.unicodeScalars.contains { ",.\"".unicodeScalars.contains($0) } && name.unicodeScalars.allSatisfy(\.isASCII)
        return (quoted ? "\"\(name)\"" : name) + " <\(address)>"
    }
}

/// A booking confirmation in Chinese, changed field by field in each test.
private enum MailFixture {
    static let customer = MailAddress(name: "李小明", address: "li@example.com")
    static let text = "李小明，您好：\n\n您与王医生的预约已确认。\nJoin: https://meet.example.com/j/123?pwd=abc\n"
    static let html = "<p>李小明，您好：</p>\n<p>您与王医生的预约已确认。<a href=\"https://meet.example.com/j/123?pwd=abc\">加入会议</a></p>\n"

    static func instant(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { fatalError("bad test instant \(text)") }
        return date
    }

    static func invite(method: CalendarInvite.Method) -> CalendarInvite {
        CalendarInvite(
            uid: "bk_01J9Z@slotline.example", sequence: method == .cancel ? 2 : 0, method: method,
            summary: "初诊咨询：王医生", description: "加入会议：https://meet.example.com/j/123?pwd=abc",
            location: "https://meet.example.com/j/123?pwd=abc", start: instant("2026-11-22T09:00:00Z"),
            end: instant("2026-11-22T09:45:00Z"), stamp: instant("2026-11-01T08:00:00Z"),
            organizer: .init(name: "王医生", email: "wang@clinic.example"), attendee: .init(name: customer.name, email: customer.address)
        )
    }

    static func message(
        from: MailAddress = MailAddress(name: "仁心诊所 Clinic", address: "bookings@clinic.example"),
        to: [MailAddress] = [customer], replyTo: MailAddress? = nil,
        subject: String = "预约已确认：初诊咨询，11月22日 上午9:00", text: String = text, html: String = html,
        invite: CalendarAttachment? = CalendarAttachment(MailFixture.invite(method: .request)),
        messageID: String = "3f2c9a@slotline.example", date: Date = instant("2026-11-01T08:00:00Z"),
        extraHeaders: [MailMessage.Header] = []
    ) -> MailMessage {
        MailMessage(
            from: from, to: to, replyTo: replyTo, subject: subject, text: text, html: html, invite: invite,
            messageID: messageID, date: date, extraHeaders: extraHeaders
        )
    }

    /// Prints, per file, what Python's `email` package (policy.default) makes of a message.
    static let pythonReader = #"""
    import email, email.policy, json, sys
    from icalendar import Calendar

    for path in sys.argv[1:]:
        with open(path, "rb") as handle:
            message = email.message_from_bytes(handle.read(), policy=email.policy.default)
        defects = [repr(defect) for defect in message.defects]
        for name, value in message.items():
            defects += [f"{name}: {defect!r}" for defect in getattr(value, "defects", ())]
        parts = []
        for part in message.walk():
            defects += [repr(defect) for defect in part.defects]
            entry = {"type": part.get_content_type()}
            if not part.is_multipart():
                content = part.get_content()
                if isinstance(content, bytes):
                    content = content.decode("utf-8")
                entry.update(content=content.replace("\r\n", "\n"), charset=part.get_content_charset(),
                             method=part.get_param("method"), disposition=part.get_content_disposition(),
                             filename=part.get_filename())
                if entry["type"] == "text/calendar":
                    entry["uid"] = str(Calendar.from_ical(content).walk("VEVENT")[0]["UID"])
            parts.append(entry)

        def mailboxes(name):
            header = message[name]
            return [] if header is None else [{"name": a.display_name, "address": a.addr_spec} for a in header.addresses]

        print(json.dumps({
            "subject": str(message["subject"]), "from": mailboxes("from"), "to": mailboxes("to"),
            "reply_to": mailboxes("reply-to"), "message_id": str(message["message-id"]),
            "date": message["date"].datetime.isoformat(), "defects": defects, "parts": parts,
        }, ensure_ascii=False))
    """#
}

/// A reader for the message under test, written from RFC 2045–2047 independently of the writer.
private struct MIMEText {
    var headers: [(name: String, value: String)]
    var body: String

    static func split(_ text: String) -> (headers: String, body: String) {
        guard let end = text.range(of: "\r\n\r\n") else { return (text, "") }
        return (String(text[..<end.lowerBound]), String(text[end.upperBound...]))
    }

    static func entity(_ text: String) -> MIMEText {
        let (block, body) = split(text)
        let unfolded = block.replacingOccurrences(of: "\r\n ", with: " ").replacingOccurrences(of: "\r\n\t", with: "\t")
        let headers = unfolded.components(separatedBy: "\r\n").compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " }))
        }
        return MIMEText(headers: headers, body: body)
    }

    /// The physical lines of one header field, folds included.
    static func rawHeaderLines(_ name: String, in message: String) -> [String]? {
        let lines = split(message).headers.components(separatedBy: "\r\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix(name + ":") }) else { return nil }
        return [lines[start]] + lines[(start + 1)...].prefix { $0.hasPrefix(" ") || $0.hasPrefix("\t") }
    }

    /// Unfolds and decodes `=?UTF-8?B?…?=` words; space between two encoded-words is dropped.
    static func decodedHeader(_ value: String) -> String {
        let tokens = value.replacingOccurrences(of: "\r\n", with: "").components(separatedBy: " ")
        var result = ""
        var previousWasEncoded = false
        for (index, token) in tokens.enumerated() {
            let isEncoded = token.hasPrefix("=?UTF-8?B?") && token.hasSuffix("?=") && token.count > 12
            let decoded = isEncoded
                ? Data(base64Encoded: String(token.dropFirst(10).dropLast(2))).map { String(decoding: $0, as: UTF8.self) } ?? token
                : token
            if index > 0, !(isEncoded && previousWasEncoded) { result += " " }
            result += decoded
            previousWasEncoded = isEncoded
        }
        return result
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var mediaType: String {
        (header("Content-Type") ?? "text/plain").components(separatedBy: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
    }

    func parameter(_ name: String) -> String? {
        for piece in (header("Content-Type") ?? "").components(separatedBy: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name.lowercased() {
                return pair[1].hasPrefix("\"") ? String(pair[1].dropFirst().dropLast()) : pair[1]
            }
        }
        return nil
    }

    /// The parts of a multipart entity: the text between `CRLF--boundary` delimiters.
    var parts: [MIMEText] {
        guard mediaType.hasPrefix("multipart/"), let boundary = parameter("boundary") else { return [] }
        let pieces = ("\r\n" + body).components(separatedBy: "\r\n--" + boundary)
        // Each piece starts with the CRLF ending its delimiter line (one Character in Swift).
        return pieces.dropFirst().filter { !$0.hasPrefix("--") }.map { MIMEText.entity($0.hasPrefix("\r\n") ? String($0.dropFirst()) : $0) }
    }

    /// The body with its transfer encoding undone, as UTF-8 text.
    var decodedBody: String {
        switch header("Content-Transfer-Encoding")?.lowercased() {
        case "base64":
            let data = Data(base64Encoded: body.replacingOccurrences(of: "\r\n", with: "")) ?? Data()
            return String(decoding: data, as: UTF8.self)
        case "quoted-printable":
            let octets = Array(body.replacingOccurrences(of: "=\r\n", with: "").utf8)
            var decoded: [UInt8] = []
            var index = 0
            while index < octets.count {
                if octets[index] == 61, index + 2 < octets.count, let value = UInt8(String(decoding: octets[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                    decoded.append(value)
                    index += 3
                } else {
                    decoded.append(octets[index])
                    index += 1
                }
            }
            return String(decoding: decoded, as: UTF8.self)
        default:
            return body
        }
    }
}
