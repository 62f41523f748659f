import Foundation
import SlotlineCore
import Testing
@testable import SlotlineNotify

@Suite struct MessageRendererTests {
    let renderer: MessageRenderer

    init() throws {
        renderer = try MessageRenderer()
    }

    @Test(arguments: MessageKind.allCases, Language.allCases)
    func everyKindRendersInEveryLanguage(kind: MessageKind, language: Language) throws {
        let message = try renderer.render(MessageFixture.context(kind, language))

        #expect(!message.subject.isEmpty)
        #expect(!message.subject.contains("\n"))
        #expect(message.text.count > 100)
        for part in [message.subject, message.text, message.html] {
            #expect(!part.contains("{{") && !part.contains("}}"), "unreplaced tag in \(kind.rawValue) \(language.rawValue)")
        }
        #expect(message.text.contains(MessageFixture.serviceName))
        #expect(message.text.contains(MessageFixture.manageURL))
        #expect(message.html.contains(#"<html lang="\#(language.rawValue)">"#))
        #expect(message.html.contains(#"<a href="\#(MessageFixture.manageURL)""#))
    }

    @Test(arguments: MessageKind.allCases, Language.allCases)
    func privateMeetingDetailsOnlyInConfirmedReminderRescheduledAndMeetingReady(kind: MessageKind, language: Language) throws {
        let meeting = MessageFixture.privateMeeting

        let message = try renderer.render(MessageFixture.context(kind, language, meeting: meeting))

        let carries: Set<MessageKind> = [.confirmed, .reminder, .rescheduled, .meetingReady]
        for secret in [meeting.joinURL, meeting.meetingNumber, meeting.passcode, meeting.text] {
            #expect(message.text.contains(secret) == carries.contains(kind), "\(secret) in \(kind.rawValue) \(language.rawValue)")
            #expect(message.html.contains(secret) == carries.contains(kind), "\(secret) in \(kind.rawValue) \(language.rawValue) HTML")
            #expect(!message.subject.contains(secret))
        }
    }

    /// The notices about a practitioner's meeting tools are about an account: they carry no instructions.
    @Test(arguments: MessageKind.allCases.filter { ![.staffConnectionLost, .staffToolMissing].contains($0) }, Language.allCases)
    func onlineInstructionsAppearForOnlineServicesOnly(kind: MessageKind, language: Language) throws {
        let online = try renderer.render(MessageFixture.context(kind, language, online: true))
        let inPerson = try renderer.render(MessageFixture.context(kind, language, online: false))

        #expect(online.text.contains(MessageFixture.onlineInstructions))
        #expect(online.html.contains(MessageFixture.onlineInstructions))
        #expect(!inPerson.text.contains(MessageFixture.onlineInstructions))
    }

    @Test func requestsBeforeConfirmationSayTheLinkComesWithTheConfirmation() throws {
        let received = try renderer.render(MessageFixture.context(.received, .zhHans, meeting: MessageFixture.privateMeeting))
        let awaitingPayment = try renderer.render(MessageFixture.context(.awaitingPayment, .zhHant))

        #expect(received.text.contains("预约确认后，您将在确认邮件中收到视频会议链接。"))
        #expect(awaitingPayment.text.contains("收到款項並確認預約後，您會在確認信中收到視訊會議連結。"))
    }

    @Test func meetingWithOnlyAStaticTextShowsThatText() throws {
        let meeting = MeetingDetails(text: "Zoom personal room: https://zoom.us/j/1234567890\nMeeting ID: 123 456 7890\nPasscode: wellness")

        let message = try renderer.render(MessageFixture.context(.confirmed, .en, meeting: meeting))

        #expect(message.text.contains("How to join the video meeting\n" + meeting.text + "\n"))
        #expect(message.html.contains(#"<a href="https://zoom.us/j/1234567890""#))
        #expect(!message.text.contains("Meeting link:"))
    }

    @Test func timesAreShownInTheRecipientsZoneWithTheZoneNamed() throws {
        // 2026-11-23 09:00Z: 10:00 in Berlin (winter, GMT+1), 17:00 in Taipei.
        let berlin = try renderer.render(MessageFixture.context(.confirmed, .en, timeZone: "Europe/Berlin"))
        let taipei = try renderer.render(MessageFixture.context(.confirmed, .zhHant, timeZone: "Asia/Taipei"))
        let shanghai = try renderer.render(MessageFixture.context(.reminder, .zhHans, timeZone: "Asia/Shanghai"))

        #expect(berlin.text.contains("When: Monday, 23 November 2026, 10:00–11:00 (Europe/Berlin, GMT+1)\n"))
        #expect(berlin.subject == "Booking confirmed: Online consultation on Monday, 23 November 2026 at 10:00")
        #expect(taipei.text.contains("時間：2026年11月23日 星期一 17:00–18:00（Asia/Taipei，GMT+8）\n"))
        #expect(shanghai.text.contains("时间：2026年11月23日 星期一 17:00–18:00（Asia/Shanghai，GMT+8）\n"))
    }

    @Test func summerTimeAndOtherOffsetsAreNamedCorrectly() throws {
        let july = Date(timeIntervalSince1970: 1_783_328_400)  // 2026-07-06 09:00Z, a Monday
        var context = MessageFixture.context(.reminder, .en, timeZone: "Europe/Berlin")
        context.startsAt = july
        context.endsAt = july.addingTimeInterval(5400)
        var kolkata = context
        kolkata.recipientTimeZone = "Asia/Kolkata"

        #expect(try renderer.render(context).text.contains("Monday, 6 July 2026, 11:00–12:30 (Europe/Berlin, GMT+2)"))
        #expect(try renderer.render(kolkata).text.contains("Monday, 6 July 2026, 14:30–16:00 (Asia/Kolkata, GMT+5:30)"))
    }

    @Test func aBookingOverMidnightNamesBothDays() {
        let start = MessageFixture.start.addingTimeInterval(12 * 3600)  // 22:00 in Berlin
        let english = MessageTime(language: .en, timeZoneIdentifier: "Europe/Berlin")
        let chinese = MessageTime(language: .zhHant, timeZoneIdentifier: "Europe/Berlin")

        #expect(english.range(start, start.addingTimeInterval(3 * 3600))
            == "Monday, 23 November 2026, 22:00 – Tuesday, 24 November 2026, 01:00 (Europe/Berlin, GMT+1)")
        #expect(chinese.range(start, start.addingTimeInterval(3 * 3600))
            == "2026年11月23日 星期一 22:00 至 2026年11月24日 星期二 01:00（Europe/Berlin，GMT+1）")
        #expect(english.range(start, start.addingTimeInterval(2 * 3600))
            == "Monday, 23 November 2026, 22:00–24:00 (Europe/Berlin, GMT+1)")
    }

    @Test func anUnknownTimeZoneFallsBackToUTCAndSaysSo() throws {
        let message = try renderer.render(MessageFixture.context(.confirmed, .en, timeZone: "Mars/Olympus_Mons"))

        #expect(message.text.contains("When: Monday, 23 November 2026, 09:00–10:00 (UTC)\n"))
    }

    @Test func aMissingOrMalformedTemplateStopsTheRendererAtStart() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        try "Received\n\nHello".write(to: folder.appendingPathComponent("received.mustache"), atomically: true, encoding: .utf8)
        let missing = #expect(throws: MessageTemplateError.self) { try MessageRenderer(folder: folder) }
        #expect(missing?.code == .templateMissing)

        try "Received\nHello".write(to: folder.appendingPathComponent("received.mustache"), atomically: true, encoding: .utf8)
        let malformed = #expect(throws: MessageTemplateError.self) { try MessageRenderer(folder: folder) }
        #expect(malformed?.code == .templateInvalid)
        #expect(malformed?.file == "received.mustache")
    }

    @Test func aTemplateNamingAWordTheCatalogLacksStopsTheRendererAtStart() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        try "{{message.received.subject}}\n\n{{message.received.intor}}"
            .write(to: folder.appendingPathComponent("received.mustache"), atomically: true, encoding: .utf8)
        let misspelt = #expect(throws: MessageTemplateError.self) { try MessageRenderer(folder: folder) }

        #expect(misspelt?.code == .templateInvalid)
        #expect(misspelt?.file == "received.mustache")
        #expect(misspelt?.message.contains("message.received.intor") == true)
    }

    @Test func aMoveShowsThePreviousTimeAndNothingElseDoes() throws {
        let previous = MessageFixture.start.addingTimeInterval(-7 * 86_400)
        var rescheduled = MessageFixture.context(.rescheduled, .en)
        rescheduled.previousStartsAt = previous
        var staffChanged = MessageFixture.context(.staffChanged, .zhHans, timeZone: "Asia/Shanghai")
        staffChanged.previousStartsAt = previous
        var reminder = MessageFixture.context(.reminder, .en)
        reminder.previousStartsAt = previous

        #expect(try renderer.render(rescheduled).text.contains(
            "When: Monday, 23 November 2026, 10:00–11:00 (Europe/Berlin, GMT+1)\nPreviously: Monday, 16 November 2026, 10:00 (Europe/Berlin, GMT+1)\n"
        ))
        #expect(try renderer.render(staffChanged).text.contains("原时间：2026年11月16日 星期一 17:00（Asia/Shanghai，GMT+8）\n"))
        #expect(try !renderer.render(reminder).text.contains("Previously"))
    }

    @Test func reminderSaysHowSoonTheBookingStarts() throws {
        var context = MessageFixture.context(.reminder, .en)
        context.reminderOffsetMinutes = 60
        var chinese = MessageFixture.context(.reminder, .zhHant)
        chinese.reminderOffsetMinutes = 1440

        #expect(try renderer.render(context).text.contains("your booking starts in 1 hour."))
        #expect(try renderer.render(chinese).text.contains("您的預約將在24小時後開始。"))
    }

    @Test(arguments: Language.allCases)
    func awaitingPaymentShowsPriceAndPaymentInstructions(language: Language) throws {
        let message = try renderer.render(MessageFixture.context(.awaitingPayment, language))

        #expect(message.text.contains(MessageFixture.price))
        #expect(message.text.contains(MessageFixture.paymentInstructions))
        #expect(message.html.contains(MessageFixture.price))
    }

    @Test(arguments: [MessageKind.confirmed, .staffNew])
    func htmlEscapesNamesOnceWhileTextKeepsThemVerbatim(kind: MessageKind) throws {
        let name = #"<script>alert("x")</script> & Sons"#
        var context = MessageFixture.context(kind, .en)
        context.recipientName = name
        context.customerName = name

        let message = try renderer.render(context)

        #expect(message.text.contains(name))
        #expect(message.html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons"))
        #expect(!message.html.contains("<script"))
        #expect(!message.html.contains("&amp;lt;"))
        #expect(!message.html.contains("&amp;amp;"))
    }

    @Test(arguments: MessageKind.allCases)
    func eachChineseVariantUsesItsOwnScript(kind: MessageKind) throws {
        let traditional = try renderer.render(MessageFixture.context(kind, .zhHant))
        let simplified = try renderer.render(MessageFixture.context(kind, .zhHans))

        // Every message speaks of a booking (预约 / 預約) or of a meeting (会议 / 會議).
        let traditionalWords = ["預約", "會議"]
        let simplifiedWords = ["预约", "会议"]
        #expect(traditionalWords.contains { traditional.text.contains($0) })
        #expect(!simplifiedWords.contains { traditional.text.contains($0) })
        #expect(simplifiedWords.contains { simplified.text.contains($0) })
        #expect(!traditionalWords.contains { simplified.text.contains($0) })
    }

    @Test func staffNoticesNameTheCustomer() throws {
        let message = try renderer.render(MessageFixture.context(.staffNew, .en))

        #expect(message.subject.contains("Mei Chen"))
        #expect(message.text.contains("Mei Chen has made a new booking."))
        #expect(message.text.contains("Customer: Mei Chen\nEmail: mei@example.com\nPhone: +886 912 345 678\n"))
        #expect(message.text.contains("Notes from the customer:\nFirst visit & a sore shoulder.\n"))
    }

    @Test func blankLinesLeftByAbsentPartsCollapse() throws {
        var context = MessageFixture.context(.cancelled, .en, online: false)
        context.reason = ""
        context.manageURL = ""

        let message = try renderer.render(context)

        #expect(!message.text.contains("\n\n\n"))
        #expect(!message.text.contains("Reason:"))
        #expect(message.text.hasPrefix("Hello Mei Chen,\n\nYour booking has been cancelled.\n\nService:"))
    }
}

enum MessageFixture {
    /// Monday 2026-11-23 09:00Z, one hour.
    static let start = Date(timeIntervalSince1970: 1_795_424_400)
    static let serviceName = "Online consultation"
    static let manageURL = "https://book.example.com/manage/Tk9x2"
    static let onlineInstructions = "Install Zoom beforehand and test your microphone."
    static let paymentInstructions = "Bank transfer to IBAN DE02 1203 0000 0000 2020 51, reference SL-1042."
    static let price = "EUR 80.00"
    static let privateMeeting = MeetingDetails(
        joinURL: "https://zoom.us/j/98765432100?pwd=Q2xvc2Vk", meetingNumber: "987 6543 2100",
        passcode: "Wq7-41z", text: "Waiting room opens ten minutes early."
    )

    static func context(_ kind: MessageKind, _ language: Language, timeZone: String = "Europe/Berlin",
                        online: Bool = true, meeting: MeetingDetails? = privateMeeting) -> MessageContext {
        MessageContext(
            kind: kind, language: language, recipientName: kind.isForStaff ? "Dr. Anna Weber" : "Mei Chen",
            recipientTimeZone: timeZone, workspaceName: "Linden Physio", serviceName: serviceName,
            practitionerName: "Dr. Anna Weber", startsAt: start, endsAt: start.addingTimeInterval(3600),
            online: online, onlineInstructions: onlineInstructions, meeting: meeting,
            paymentInstructions: paymentInstructions, price: price, manageURL: manageURL,
            customerName: "Mei Chen", customerEmail: "mei@example.com", customerPhone: "+886 912 345 678",
            notes: "First visit & a sore shoulder.", reason: "The practitioner is ill."
        )
    }
}
