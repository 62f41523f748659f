import Foundation
import SlotlineCore
import SlotlineStore
import SlotlineTestSupport
import Testing

/// SPEC §6 delivery by default: the built-in outbox, listed for owners and admins, each message
/// downloadable as an `.eml` that mail and calendar software read.
@Suite("Outbox API")
struct OutboxTests {
    @Test("owners and admins list the workspace's messages; staff may not; another workspace sees none of them",
          arguments: TestDatabase.flavors)
    func listAndAccess(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let runner = try JobRunner(store: app.store)
            let id = try await app.bookedId(app.studio.instant, at: app.opening())
            _ = try await app.bookedId(app.studio.manual, at: app.opening(hour: 11), customer: "Hopper")
            try await runner.runDue()
            let admin = try await app.staff(role: .admin)
            let colleague = try await app.staff(role: .staff)
            let practitioner = try await app.staff(role: .staff, practitionerId: app.studio.practitioner.id)
            let other = try await Studio.create(in: app.store, slug: "other-studio")
            let outsider = app.visitor.bearer(try await TestApp.apiKey(in: app.store, workspace: other.workspace, role: .owner))

            let all = try await app.owner.get("/api/v1/outbox")
            let ofBooking = try await app.owner.get("/api/v1/outbox?bookingId=\(id)")
            let byAdmin = try await admin.get("/api/v1/outbox")
            let byColleague = try await colleague.get("/api/v1/outbox")
            let byPractitioner = try await practitioner.get("/api/v1/outbox")
            let anonymous = try await app.visitor.get("/api/v1/outbox")
            let byOutsider = try await outsider.get("/api/v1/outbox")
            let first = try #require(ofBooking.json["items"].items.first { $0["kind"] == "confirmed" })
            let emlPath = try #require(first["emlPath"].string)
            let emlByColleague = try await colleague.get(emlPath)
            let emlByOutsider = try await outsider.get(emlPath)

            #expect(all.status == .ok)
            #expect(all.json["items"].items.compactMap { $0["kind"].string }.sorted() == ["confirmed", "received", "staff-new", "staff-new"])
            #expect(ofBooking.json["items"].items.compactMap { $0["kind"].string }.sorted() == ["confirmed", "staff-new"])
            #expect(first["to"] == "grace@example.com")
            #expect(first["bookingId"] == .string(id))
            #expect(first["state"] == "stored")
            #expect(first["transport"] == "outbox")
            #expect(first["calendarMethod"] == "REQUEST")
            #expect(first["subject"].string?.hasPrefix("Booking confirmed: Instant") == true)
            #expect(emlPath == "/api/v1/outbox/\(first["id"].string ?? "?").eml")
            #expect(byAdmin.status == .ok)
            #expect(byAdmin.json["items"].items.count == 4)
            #expect(byColleague.status == .forbidden)
            #expect(byColleague.errorCode == "forbidden")
            #expect(byPractitioner.status == .forbidden)
            #expect(anonymous.status == .unauthorized)
            #expect(byOutsider.status == .ok)
            #expect(byOutsider.json["items"].items.isEmpty)
            #expect(emlByColleague.status == .forbidden)
            #expect(emlByOutsider.status == .notFound)
            #expect(!byColleague.text.contains(Studio.practitionerSecret) && !emlByOutsider.text.contains(Studio.practitionerSecret))
        }
    }

    @Test("each .eml is an RFC 5322 multipart message Python's email package reads without defects, and its invitations pass check-ics",
          .enabled(if: PythonReader.enabled, "needs SLOTLINE_TEST_PYTHON_BIN (scripts/with-smtp sets it)"),
          arguments: TestDatabase.flavors)
    func emlDownload(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let runner = try JobRunner(store: app.store)
            let id = try await app.bookedId(app.studio.instant, at: app.opening(hour: 9), customer: "林小美", email: "lin@example.com",
                                            language: .zhHant, timeZone: "Asia/Taipei")
            try await runner.runDue()
            try await app.reschedule(id, to: app.opening(hour: 11))
            try await runner.runDue()
            try await app.staffAction("cancel", id)
            try await runner.runDue()
            let pending = try await app.bookedId(app.studio.manual, at: app.opening(hour: 13), customer: "Hopper")
            try await runner.runDue()
            let messages = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id)
            let chosen = try ["confirmed", "rescheduled", "cancelled"].map { try messages.one($0) }
                + [try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: pending).one("received")]

            let downloads = try await chosen.asyncMap { try await app.owner.get("/api/v1/outbox/\($0.id).eml") }
            let read = try PythonReader.readMail(downloads.map { Data($0.text.utf8) })
            let invitations = read.prefix(3).map { ($0.contents["text/calendar"] ?? "").crlf }
            let checked = try PythonReader.checkICS(invitations)

            for (download, message) in zip(downloads, chosen) {
                #expect(download.status == .ok)
                #expect(download.headers[.contentType] == "message/rfc822")
                #expect(download.headers[.contentDisposition]?.contains("\(message.id).eml") == true)
                #expect(download.text.utf8.allSatisfy { $0 < 0x80 }, "an .eml is 7-bit")
                #expect(!download.text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF line endings only")
            }
            for (mail, message) in zip(read, chosen) {
                #expect(mail.defects == [], "\(message.kind)")
                #expect(mail.subject == message.subject)
                #expect(mail.to == ["\(message.recipientName) <\(message.recipientEmail)>"])
                #expect(mail.from == ["Slotline <no-reply@localhost>"])
                #expect(mail.contents["text/plain"] == message.textBody)
                #expect(mail.contents["text/html"] == message.htmlBody)
            }
            #expect(read[0].subject.hasPrefix("預約已確認"))
            for mail in read.prefix(3) {
                #expect(mail.types == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar", "application/ics"])
                #expect(mail.attachmentName == "invite.ics")
                #expect(mail.contents["application/ics"] == mail.contents["text/calendar"])
            }
            #expect(read[3].types == ["multipart/alternative", "text/plain", "text/html"])
            #expect(read.prefix(3).map(\.calendarMethod) == ["REQUEST", "REQUEST", "CANCEL"])
            #expect(checked.map { $0["ok"] as? Bool } == [true, true, true])
            #expect(checked.map { $0["method"] as? String } == ["REQUEST", "REQUEST", "CANCEL"])
            #expect(Set(checked.map { $0["uid"] as? String }) == ["\(id)@slotline.example.com"])
            let sequences = checked.compactMap { $0["sequence"] as? Int }
            #expect(sequences.count == 3 && sequences[0] < sequences[1] && sequences[1] < sequences[2])
            #expect(checked[0]["location"] as? String == Studio.practitionerSecret)
            #expect(checked[1]["location"] as? String == Studio.practitionerSecret)
            #expect(checked[2]["status"] as? String == "CANCELLED")
            #expect(checked.map { $0["attendee"] as? String } == Array(repeating: "lin@example.com", count: 3))
        }
    }
}

fileprivate extension String {
    /// The text with every line ending CRLF: how MIME carries text, whatever a reader hands back.
    var crlf: String {
        replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
    }
}
