import SlotlineCore
import SlotlineNotify

/// A booking's changes as its back-office page lists them, oldest first: when (in the studio's
/// zone), what happened, who did it, and the customer's reason for a request.
struct BookingHistoryView {
    struct Row {
        let when: String
        let what: String
        let by: String
        let note: String?
    }

    let rows: [Row]
    let hasRows: Bool

    init(_ changes: [BookingChange], staff: [StaffUser], time: MessageTime, words: Words) {
        let names = Dictionary(staff.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        rows = changes.map { change in
            let what = change.events.map { event in
                words["page.history.event.\(event.rawValue)", with: ["from": change.previousStartsAt.map(time.instant) ?? ""]]
            }
            let by: String
            switch change.actor {
            case .staff: by = change.staffId.flatMap { names[$0] }.map { words["page.history.by.staff_named", with: ["name": $0]] }
                ?? words["page.history.by.staff"]
            case .customer: by = words["page.history.by.customer"]
            case .system: by = words["page.history.by.system"]
            }
            return Row(when: time.instant(change.occurredAt), what: what.joined(separator: " · "), by: by,
                       note: change.note.isEmpty ? nil : words["page.history.reason", with: ["reason": change.note]])
        }
        hasRows = !rows.isEmpty
    }
}
