import Foundation
import SlotlineCore

/// What the templates see of a `MessageContext`, by the names the templates use (listed in
/// `Templates/README.md`), and the language's words under `message`, filled with those values.
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
        }
        // The kind's own words and the shared ones, filled: no list to keep in step with the templates.
        let wanted = wordsOfKind[context.kind] ?? []
        let words = Words(context.language).tree(under: "message.", with: placeholders(values)) { wanted.contains($0) }
        return values.merging(words) { value, _ in value }
    }

    /// The words a kind's template can show: its own (`message.confirmed.*`) and the shared ones
    /// (`message.booking.when`, `message.signature`, …), not the other kinds' (rendering speed: a
    /// message fills a fifth of the words it used to).
    private static let wordsOfKind: [MessageKind: Set<String>] = {
        let kinds = Set(MessageKind.allCases.map(\.rawValue))
        let keys = Words.catalog(.en).keys.filter { $0.hasPrefix("message.") }
        return Dictionary(uniqueKeysWithValues: MessageKind.allCases.map { kind in
            (kind, Set(keys.filter { key in
                let part = key.split(separator: ".").dropFirst().first.map(String.init) ?? ""
                return part == kind.rawValue || !kinds.contains(part)
            }))
        })
    }()

    /// The values by the names the words' placeholders use: `meeting.passcode` for a meeting detail.
    private static func placeholders(_ values: [String: Any], prefix: String = "") -> [String: String] {
        var names: [String: String] = [:]
        for (key, value) in values {
            if let text = value as? String {
                names[prefix + key] = text
            } else if let nested = value as? [String: Any] {
                names.merge(placeholders(nested, prefix: prefix + key + ".")) { first, _ in first }
            }
        }
        return names
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
