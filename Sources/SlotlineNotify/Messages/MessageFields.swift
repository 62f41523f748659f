import Foundation
import SlotlineCore

/// What the templates see of a `MessageContext`, by the names the templates and the words'
/// placeholders use (listed in `Templates/README.md`); the words themselves are written into the
/// templates when they load.
/// Empty values are left out so that `{{#name}}…{{/name}}` stays closed.
enum MessageFields {
    static func values(for context: MessageContext) -> [String: Any] {
        let time = MessageTime(language: context.language, timeZoneIdentifier: context.recipientTimeZone)
        var values: [String: Any] = [
            "online": context.online,
            "when": time.range(context.startsAt, context.endsAt),
            "startDate": time.date(context.startsAt),
            "startTime": time.clock(context.startsAt),
        ]
        func put(_ key: String, _ value: String) {
            let value = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if !value.isEmpty { values[key] = value }
        }
        put("recipientName", context.recipientName)
        put("workspaceName", context.workspaceName)
        put("serviceName", context.serviceName)
        put("practitionerName", context.practitionerName)
        put("manageURL", context.manageURL)
        put("paymentInstructions", context.paymentInstructions)
        put("price", context.price)
        put("bookingReference", context.bookingReference)
        put("reason", context.reason)
        put("customerName", context.customerName)
        put("customerEmail", context.customerEmail)
        put("customerPhone", context.customerPhone)
        put("notes", context.notes)
        if context.online {
            put("onlineInstructions", context.onlineInstructions)
        }
        // Only a move has a "before"; other kinds would read it as a second appointment.
        if let previous = context.previousStartsAt, [.rescheduled, .staffChanged].contains(context.kind) {
            values["previousStart"] = time.instant(previous)
        }
        if let minutes = context.reminderOffsetMinutes, minutes > 0 {
            values["startsIn"] = time.duration(minutes: minutes)
        }
        // SPEC §2: the private details reach only the kinds that carry them; no template of another
        // kind can show them, whatever it says.
        if context.kind.carriesMeetingDetails, let meeting = context.meeting.flatMap(meetingValues) {
            values["meeting"] = meeting
        } else if context.kind.carriesMeetingDetails, context.online, context.meetingFollows {
            values["meetingFollows"] = true
        }
        return values
    }

    /// Names distinct from every top-level name, so a missing detail cannot resolve to something else.
    private static func meetingValues(_ meeting: MeetingDetails) -> [String: Any]? {
        var values: [String: Any] = [:]
        for (key, value) in [("joinURL", meeting.joinURL), ("meetingNumber", meeting.meetingNumber),
                             ("passcode", meeting.passcode), ("meetingText", meeting.text)] {
            let value = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if !value.isEmpty { values[key] = value }
        }
        return values.isEmpty ? nil : values
    }
}
