import Foundation
import SlotlineCore
import SlotlineDesk
import SlotlineNotify
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Testing

/// SPEC §6 delivery with SMTP settings: through a real server (scripts/smtp-sink, STARTTLS and AUTH),
/// retried with backoff while the server is down, visibly failed after the last attempt, and
/// never lost.
@Suite("SMTP delivery")
struct SMTPDeliveryTests {
    static let sender = MailAddress(name: "Studio 工作室", address: "bookings@slotline.example.com")

    static func settings(_ smtp: SMTPSettings) -> ServerSettings {
        ServerSettings(publicURL: ServerSettings.test.publicURL, mailFrom: sender, smtp: smtp, key: ServerSettings.test.key)
    }

    @Test("a confirmation goes out through SMTP with its Chinese subject intact, and its outbox row becomes sent",
          .enabled(if: SMTPSink.enabled, "needs scripts/with-smtp"), arguments: TestDatabase.flavors)
    func delivered(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let sink = try SMTPSink.running()
            let runner = try JobRunner(store: app.store, settings: Self.settings(try sink.settings()))
            let recipient = SMTPSink.uniqueRecipient()
            let id = try await app.bookedId(app.studio.instant, at: app.opening(), customer: "林小美", email: recipient,
                                            language: .zhHant, timeZone: "Asia/Taipei")

            try await runner.runDue()

            let message = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id).one("confirmed")
            #expect(message.transport == .smtp)
            #expect(message.state == .sent)
            #expect(message.attempts == 1)
            #expect(message.lastError == nil)
            #expect(message.sentAt != nil)
            let listed = try await app.owner.get("/api/v1/outbox?bookingId=\(id)")
            #expect(listed.json["items"].items.allSatisfy { $0["state"] == "sent" && $0["transport"] == "smtp" }, "\(listed.text)")
            #expect(try await runner.jobs(JobKind.mailDeliver.rawValue).map(\.state) == [.done, .done], "the customer's and the owner's")
            let spooled = try sink.messages(to: recipient)
            try #require(spooled.count == 1)
            let mail = try #require(try PythonReader.readMail(spooled.map { Data($0.eml) }).first)
            #expect(mail.defects == [])
            #expect(mail.subject == message.subject)
            #expect(mail.subject.hasPrefix("預約已確認：Instant，"))
            #expect(mail.from == ["Studio 工作室 <bookings@slotline.example.com>"])
            #expect(mail.to == ["林小美 <\(recipient)>"])
            #expect(mail.contents["text/plain"] == message.textBody)
            #expect(mail.contents["text/plain"]?.contains(Studio.practitionerSecret) == true)
            #expect(mail.calendarMethod == "REQUEST")
        }
    }

    @Test("with the server down the message stays queued with the error, ends visibly failed after the last attempt, and is delivered once the server is back",
          .enabled(if: SMTPSink.enabled, "needs scripts/with-smtp"), arguments: TestDatabase.flavors)
    func serverDownThenBack(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let sink = try SMTPSink.running()
            let down = try JobRunner(store: app.store, settings: Self.settings(try sink.unreachable()))
            let recipient = SMTPSink.uniqueRecipient()
            // Three days ahead, so no reminder falls due while the retries play out (about 13 hours).
            let id = try await app.bookedId(app.studio.instant, at: app.opening(daysAhead: 3), customer: "Grace", email: recipient,
                                            language: .en, timeZone: "Europe/London")

            try await down.runDue()

            let queued = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id).one("confirmed")
            let firstTry = try #require(try await down.jobs(JobKind.mailDeliver.rawValue).first { $0.payload.contains(queued.id) })
            #expect(queued.state == .queued)
            #expect(queued.attempts == 1)
            #expect(queued.lastError?.contains("smtp_connection_failed") == true, "\(queued.lastError ?? "nil")")
            #expect(firstTry.state == .queued)
            #expect(firstTry.runAt > app.store.time.now())
            let listedQueued = try await app.owner.get("/api/v1/outbox?bookingId=\(id)")
            #expect(listedQueued.json["items"].items.allSatisfy { $0["state"] == "queued" && $0["lastError"].string != nil })

            // Every retry, each as soon as its backoff allows, until the queue gives up.
            var rounds = 0
            while let next = try await down.jobs(JobKind.mailDeliver.rawValue).filter({ $0.state == .queued }).map(\.runAt).min(), rounds < 100 {
                app.store.time.advance(by: max(0, next.timeIntervalSince(app.store.time.now())) + 1)
                try await down.runDue()
                rounds += 1
            }

            let failed = try #require(try await app.store.outbox.find(id: queued.id, workspaceId: app.studio.workspace.id))
            let jobs = try await down.jobs(JobKind.mailDeliver.rawValue)
            let failedJobs = try await app.owner.get("/api/v1/jobs?state=failed")
            let listedFailed = try await app.owner.get("/api/v1/outbox?bookingId=\(id)")
            #expect(failed.state == .failed)
            #expect(failed.attempts == Outbox.deliveryAttempts)
            #expect(failed.lastError?.contains("smtp_connection_failed") == true)
            #expect(failed.sentAt == nil)
            #expect(jobs.count == 2 && jobs.allSatisfy { $0.state == .failed && $0.attempts == Outbox.deliveryAttempts })
            #expect(Set(failedJobs.json["items"].items.compactMap { $0["id"].string }) == Set(jobs.map(\.id)))
            #expect(listedFailed.json["items"].items.allSatisfy { $0["state"] == "failed" && $0["attempts"] == .int(Outbox.deliveryAttempts) })
            #expect(try sink.messages(to: recipient).isEmpty)

            // The server is back: staff retry the parked jobs and the mail goes out.
            let up = try JobRunner(store: app.store, settings: Self.settings(try sink.settings()))
            for job in jobs {
                #expect(try await app.owner.post("/api/v1/jobs/\(job.id)/retry").status == .ok)
            }
            try await up.runDue()

            let sent = try #require(try await app.store.outbox.find(id: queued.id, workspaceId: app.studio.workspace.id))
            #expect(sent.state == .sent)
            #expect(sent.lastError == nil)
            #expect(sent.attempts == Outbox.deliveryAttempts + 1)
            #expect(try sink.messages(to: recipient).count == 1)
            #expect(try await app.store.messages(workspaceId: app.studio.workspace.id).allSatisfy { $0.state == .sent })
        }
    }

    @Test("a server down for a while loses nothing: the next retry after it is back delivers",
          .enabled(if: SMTPSink.enabled, "needs scripts/with-smtp"), arguments: TestDatabase.flavors)
    func briefOutage(_ flavor: SQLFlavor) async throws {
        try await TestApp.run(flavor) { app in
            let sink = try SMTPSink.running()
            let down = try JobRunner(store: app.store, settings: Self.settings(try sink.unreachable()))
            let up = try JobRunner(store: app.store, settings: Self.settings(try sink.settings()))
            let recipient = SMTPSink.uniqueRecipient()
            let id = try await app.bookedId(app.studio.instant, at: app.opening(), customer: "Grace", email: recipient,
                                            language: .en, timeZone: "Europe/London")
            try await down.runDue()
            try await down.advance(by: 3600)

            try await up.advance(by: 3600)

            let message = try await app.store.messages(workspaceId: app.studio.workspace.id, bookingId: id).one("confirmed")
            #expect(message.state == .sent)
            #expect(message.attempts == 3)
            #expect(message.lastError == nil)
            #expect(try await up.jobs(JobKind.mailDeliver.rawValue).allSatisfy { $0.state == .done })
            #expect(try sink.messages(to: recipient).count == 1)
        }
    }
}
