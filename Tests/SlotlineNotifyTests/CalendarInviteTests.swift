import Foundation
import SlotlineTestSupport
import Testing
@testable import SlotlineNotify

@Suite struct CalendarInviteTests {
    @Test func foldsLongChineseTextAt75OctetsWithoutSplittingACharacter() throws {
        // A family emoji (25 octets) and an "e" with 40 accents (81 octets, longer than a line).
        let description = String(repeating: "预约已确认，请准时参加会议。", count: 12) + "👨‍👩‍👧‍👦" + "e" + String(repeating: "\u{301}", count: 40)
        let ics = CalendarFixture.invite(description: description).render()

        let lines = ICSText.physicalLines(ics)
        for line in lines {
            #expect(line.count <= 75)
            #expect(String(validating: line, as: UTF8.self) != nil, "a line ends inside a UTF-8 sequence")
        }
        let firstDescriptionLine = try #require(lines.first { $0.starts(with: Array("DESCRIPTION:".utf8)) })
        #expect(firstDescriptionLine.count == 75)
        #expect(lines.contains { $0.count > 75 - 3 && $0.first == 32 })
        #expect(ICSText.property("DESCRIPTION", in: ics)?.value == description)
    }

    @Test func escapesTextValues() {
        let invite = CalendarFixture.invite(
            summary: #"Consult; follow-up, part 2 \ notes"#, description: "Line one\r\nLine two\nLine three\rEnd"
        )

        let ics = invite.render()

        #expect(ics.contains(#"SUMMARY:Consult\; follow-up\, part 2 \\ notes"# + "\r\n"))
        #expect(ics.contains(#"DESCRIPTION:Line one\nLine two\nLine three\nEnd"# + "\r\n"))
    }

    @Test func quotesParticipantNamesWithoutCharactersQuotesCannotHold() {
        let invite = CalendarFixture.invite(
            organizer: .init(name: "Dr. \"Wang\", 王医生", email: "wang@clinic.example"),
            attendee: .init(name: "李小明\r\nX-INJECTED:1", email: "li@example.com")
        )

        let unfolded = ICSText.unfolded(invite.render())

        #expect(unfolded.contains("ORGANIZER;CN=\"Dr. Wang, 王医生\":mailto:wang@clinic.example"))
        #expect(unfolded.contains(
            "ATTENDEE;CN=\"李小明  X-INJECTED:1\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:li@example.com"
        ))
        #expect(!unfolded.contains { $0.hasPrefix("X-INJECTED") })
    }

    @Test func leavesOutTheNameOfAParticipantWithoutOne() {
        let invite = CalendarFixture.invite(attendee: .init(name: "  ", email: "li@example.com"))

        #expect(ICSText.unfolded(invite.render()).contains(
            "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:li@example.com"
        ))
    }

    @Test func requestIsConfirmedAndCancelIsCancelled() {
        let request = CalendarFixture.invite(sequence: 0, method: .request).render()
        let cancel = CalendarFixture.invite(sequence: 3, method: .cancel).render()

        #expect(Array(ICSText.unfolded(request).prefix(6)) == [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Slotline//Slotline//EN", "CALSCALE:GREGORIAN",
            "METHOD:REQUEST", "BEGIN:VEVENT",
        ])
        #expect(Array(ICSText.unfolded(request).suffix(2)) == ["END:VEVENT", "END:VCALENDAR"])
        #expect(ICSText.property("STATUS", in: request)?.value == "CONFIRMED")
        #expect(ICSText.property("SEQUENCE", in: request)?.value == "0")
        #expect(ICSText.property("METHOD", in: cancel)?.value == "CANCEL")
        #expect(ICSText.property("STATUS", in: cancel)?.value == "CANCELLED")
        #expect(ICSText.property("SEQUENCE", in: cancel)?.value == "3")
        #expect(ICSText.property("UID", in: cancel)?.value == ICSText.property("UID", in: request)?.value)
    }

    @Test func writesTimesInUTC() {
        let invite = CalendarFixture.invite(
            start: CalendarFixture.instant("2026-11-22T17:00:00+08:00"),
            end: CalendarFixture.instant("2026-11-22T17:45:30+08:00"),
            stamp: Date(timeIntervalSince1970: 1_700_000_000.75)
        )

        let ics = invite.render()

        #expect(ICSText.property("DTSTART", in: ics)?.value == "20261122T090000Z")
        #expect(ICSText.property("DTEND", in: ics)?.value == "20261122T094530Z")
        #expect(ICSText.property("DTSTAMP", in: ics)?.value == "20231114T221320Z")
    }

    @Test func endsEveryLineWithCRLF() {
        let ics = CalendarFixture.invite(description: "a\nb\rc\r\nd" + String(repeating: "长", count: 100)).render()

        let octets = Array(ics.utf8)
        for (index, octet) in octets.enumerated() {
            if octet == 10 { #expect(index > 0 && octets[index - 1] == 13, "bare LF at \(index)") }
            if octet == 13 { #expect(index + 1 < octets.count && octets[index + 1] == 10, "bare CR at \(index)") }
        }
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
    }

    @Test func leavesOutEmptyOptionalFields() {
        let ics = CalendarFixture.invite(description: "", location: "", url: nil).render()

        for name in ["DESCRIPTION", "LOCATION", "URL"] {
            #expect(ICSText.property(name, in: ics) == nil, "\(name) written")
        }
    }

    @Test func textFieldsSurviveUnfoldingAndParsing() {
        let invite = CalendarFixture.invite(
            uid: "bk_01J9Z;x,y@slotline.example",
            summary: "初诊咨询, 45 分钟; with \"quotes\" \\ backslash",
            description: "加入会议：\nhttps://meet.example.com/j/123?pwd=abc,def;ghi\n\n会议号 123 456 789" + String(repeating: "。", count: 40),
            location: "https://zoom.example.com/j/99887766554?pwd=" + String(repeating: "Ab9", count: 30),
            url: "https://slotline.example/manage/bk_01J9Z?token=" + String(repeating: "x", count: 90)
        )

        let ics = invite.render()

        #expect(ICSText.property("UID", in: ics)?.value == invite.uid)
        #expect(ICSText.property("SUMMARY", in: ics)?.value == invite.summary)
        #expect(ICSText.property("DESCRIPTION", in: ics)?.value == invite.description)
        #expect(ICSText.property("LOCATION", in: ics)?.value == invite.location)
        #expect(ICSText.property("URL", in: ics, text: false)?.value == invite.url)
        #expect(ICSText.property("ORGANIZER", in: ics, text: false)?.value == "mailto:\(invite.organizer.email)")
    }

    @Test(.enabled(if: PythonTools.enabled, "needs SLOTLINE_TEST_PYTHON_BIN=$(scripts/pytools)"))
    func icalendarReadsWhatWeWrite() throws {
        let invites = [
            CalendarFixture.invite(
                uid: "bk_100@slotline.example", sequence: 0, method: .request,
                summary: "初诊咨询：王医生", description: "您的预约已确认。\n请提前五分钟加入，谢谢！, ; \\",
                location: "https://meet.example.com/j/1234567890?pwd=" + String(repeating: "Zx", count: 60),
                url: "https://slotline.example/manage/bk_100?token=" + String(repeating: "t", count: 120)
            ),
            CalendarFixture.invite(uid: "bk_100@slotline.example", sequence: 2, method: .cancel, summary: "已取消：初诊咨询", location: ""),
        ]
        let directory = try PythonTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try invites.enumerated().map { index, invite in
            let file = directory.appendingPathComponent("invite-\(index).ics")
            try Data(invite.render().utf8).write(to: file)
            return file.path
        }

        let run = try PythonTools.python(["scripts/check-ics", "--json"] + files)

        #expect(run.status == 0, "\(run.errors)")
        let results = try run.jsonLines()
        try #require(results.count == invites.count)
        for (invite, result) in zip(invites, results) {
            #expect(result["ok"] as? Bool == true)
            #expect(result["uid"] as? String == invite.uid)
            #expect(result["sequence"] as? Int == invite.sequence)
            #expect(result["method"] as? String == invite.method.rawValue)
            #expect(result["status"] as? String == invite.status)
            #expect(result["summary"] as? String == invite.summary)
            #expect(result["description"] as? String == (invite.description.isEmpty ? nil : invite.description))
            #expect(result["location"] as? String == (invite.location.isEmpty ? nil : invite.location))
            #expect(result["url"] as? String == invite.url)
            #expect(result["dtstart"] as? String == "2026-11-22T09:00:00+00:00")
            #expect(result["organizer_name"] as? String == invite.organizer.name)
            #expect(result["attendee_name"] as? String == invite.attendee.name)
            #expect(result["attendee"] as? String == invite.attendee.email)
        }
    }

    @Test(.enabled(if: PythonTools.enabled, "needs SLOTLINE_TEST_PYTHON_BIN=$(scripts/pytools)"))
    func checkerRefusesABrokenFile() throws {
        let directory = try PythonTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("lf-only.ics")
        let lfOnly = CalendarFixture.invite().render().replacingOccurrences(of: "\r\n", with: "\n")
        try Data(lfOnly.utf8).write(to: file)

        let run = try PythonTools.python(["scripts/check-ics", file.path])

        #expect(run.status != 0)
        #expect(run.errors.contains("CRLF"))
    }
}

/// A typical booking invite, changed field by field in each test.
private enum CalendarFixture {
    static func instant(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { fatalError("bad test instant \(text)") }
        return date
    }

    static func invite(
        uid: String = "bk_01J9Z@slotline.example", sequence: Int = 1, method: CalendarInvite.Method = .request,
        summary: String = "Consultation with Dr. Wang", description: String = "Join from the link below.",
        location: String = "https://meet.example.com/j/123", start: Date = instant("2026-11-22T09:00:00Z"),
        end: Date = instant("2026-11-22T09:45:00Z"), stamp: Date = instant("2026-11-01T08:00:00Z"),
        organizer: CalendarInvite.Participant = .init(name: "王医生", email: "wang@clinic.example"),
        attendee: CalendarInvite.Participant = .init(name: "李小明", email: "li@example.com"),
        url: String? = "https://slotline.example/manage/bk_01J9Z"
    ) -> CalendarInvite {
        CalendarInvite(
            uid: uid, sequence: sequence, method: method, summary: summary, description: description, location: location,
            start: start, end: end, stamp: stamp, organizer: organizer, attendee: attendee, url: url
        )
    }
}

/// A reader for the iCalendar text under test, written from RFC 5545 independently of the writer.
private enum ICSText {
    /// The octets of each line between CRLFs.
    static func physicalLines(_ ics: String) -> [[UInt8]] {
        var lines: [[UInt8]] = [[]]
        let octets = Array(ics.utf8)
        var index = 0
        while index < octets.count {
            if octets[index] == 13, index + 1 < octets.count, octets[index + 1] == 10 {
                lines.append([])
                index += 2
            } else {
                lines[lines.count - 1].append(octets[index])
                index += 1
            }
        }
        if lines.last == [] { lines.removeLast() }
        return lines
    }

    /// Content lines after unfolding (a CRLF followed by one space joins two lines).
    static func unfolded(_ ics: String) -> [String] {
        var joined: [UInt8] = []
        for line in physicalLines(ics) {
            if line.first == 32 { joined += line.dropFirst() } else { joined += Array("\r\n".utf8) + line }
        }
        return String(decoding: joined, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    /// The first property with this name: its parameters and its value, TEXT-unescaped unless `text` is false.
    static func property(_ name: String, in ics: String, text: Bool = true) -> (parameters: String, value: String)? {
        for line in unfolded(ics) where line.hasPrefix(name + ":") || line.hasPrefix(name + ";") {
            var inQuotes = false
            for index in line.indices {
                if line[index] == "\"" { inQuotes.toggle() }
                if line[index] == ":", !inQuotes {
                    let parameters = String(line[line.index(line.startIndex, offsetBy: name.count)..<index])
                    let value = String(line[line.index(after: index)...])
                    return (parameters, text ? unescaped(value) : value)
                }
            }
        }
        return nil
    }

    static func unescaped(_ value: String) -> String {
        var result = ""
        var escaping = false
        for character in value {
            if escaping {
                result.append(character == "n" || character == "N" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
