import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineNotify
import SlotlineStore

/// The back office's operations pages, for owners and admins as in the API: the outbox (a message
/// as sent, its `.eml`), failed jobs with retry, the audit log, and the webhook subscriptions with
/// their delivery logs.
struct OperationsPagesController {
    let store: Store
    let desk: Desk
    let staff: StaffPages

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("outbox", use: outbox)
        group.get("outbox/:id", use: message)
        group.get("outbox/:id/html", use: messageHTML)
        group.get("outbox/:id/eml", use: messageFile)
        group.get("jobs", use: jobs)
        group.post("jobs/:id/retry", use: retry)
        group.get("audit", use: audit)
        group.get("webhooks", use: webhooks)
        group.post("webhooks", use: createWebhook)
        group.post("webhooks/:id/delete", use: deleteWebhook)
    }

    struct Row {
        let cells: [String]
        let href: String?
        let action: String?
    }

    struct TableView {
        let heading: String
        let columns: [String]
        let rows: [Row]
        let hasRows: Bool
        let empty: String
        let actionLabel: String?
        let csrf: String
        let intro: String?
    }

    @Sendable func outbox(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        let words = Words(staff.language(request, context))
        let time = MessageTime(language: words.language, timeZoneIdentifier: workspace.timeZone)
        let messages = try await store.outbox.list(workspaceId: workspace.id, limit: 100, offset: 0)
        let rows = messages.map { message in
            Row(cells: [time.instant(message.createdAt), message.recipientEmail, message.subject, words["page.outbox.state.\(message.state.rawValue)"]],
                href: "/admin/\(workspace.slug)/outbox/\(message.id)", action: nil)
        }
        return try table(words["page.nav.outbox"], columns: ["page.outbox.when", "page.outbox.to", "page.outbox.subject", "page.summary.state"],
                         rows: rows, empty: "page.outbox.empty", section: .outbox, request: request, context: context)
    }

    struct MessageView {
        let subject: String
        let facts: [BookingDetailView.Fact]
        let text: String
        let htmlHref: String
        let emlHref: String
        let backHref: String
    }

    @Sendable func message(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        let words = Words(staff.language(request, context))
        let message = try await find(context, workspace: workspace)
        let time = MessageTime(language: words.language, timeZoneIdentifier: workspace.timeZone)
        let base = "/admin/\(workspace.slug)/outbox/\(message.id)"
        let view = MessageView(
            subject: message.subject,
            facts: [.init(label: words["page.outbox.to"], value: "\(message.recipientName) <\(message.recipientEmail)>"),
                    .init(label: words["page.outbox.when"], value: time.instant(message.createdAt)),
                    .init(label: words["page.summary.state"], value: words["page.outbox.state.\(message.state.rawValue)"])]
                + (message.lastError.map { [.init(label: words["page.outbox.error"], value: $0)] } ?? []),
            text: message.textBody, htmlHref: base + "/html", emlHref: base + "/eml", backHref: "/admin/\(workspace.slug)/outbox")
        return try staff.render("admin-message", view: view, title: message.subject, section: .outbox, request: request, context: context)
    }

    /// The message's HTML part as the recipient's mail program shows it, alone on a page that may run
    /// nothing and load nothing.
    @Sendable func messageHTML(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        let message = try await find(context, workspace: workspace)
        var response = Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: message.htmlBody)))
        response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
        return response
    }

    @Sendable func messageFile(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        let message = try await find(context, workspace: workspace)
        return Response(status: .ok, headers: [.contentType: "message/rfc822", .contentDisposition: "attachment; filename=\"\(message.id).eml\""],
                        body: .init(byteBuffer: ByteBuffer(string: message.mail(from: desk.settings.mailFrom).rendered())))
    }

    @Sendable func jobs(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        let words = Words(staff.language(request, context))
        let time = MessageTime(language: words.language, timeZoneIdentifier: workspace.timeZone)
        let failed = try await store.jobs.list(state: .failed, workspaceId: workspace.id, limit: 200)
        let rows = failed.map { job in
            Row(cells: [time.instant(job.updatedAt), job.kind, "\(job.attempts)/\(job.maxAttempts)", job.lastError ?? ""], href: nil,
                action: "/admin/\(workspace.slug)/jobs/\(job.id)/retry")
        }
        return try table(words["page.nav.jobs"], columns: ["page.jobs.when", "page.jobs.kind", "page.jobs.attempts", "page.jobs.error"],
                         rows: rows, empty: "page.jobs.empty", actionLabel: words["page.jobs.retry"], intro: words["page.jobs.intro"],
                         section: .jobs, request: request, context: context)
    }

    @Sendable func retry(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        _ = try await staff.form(request, context)
        _ = try await desk.retryJob(id: try context.parameters.require("id"), workspaceId: workspace.id)
        return Pages.redirect("/admin/\(workspace.slug)/jobs?done=retried")
    }

    @Sendable func audit(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        let words = Words(staff.language(request, context))
        let time = MessageTime(language: words.language, timeZoneIdentifier: workspace.timeZone)
        let staffNames = Dictionary(uniqueKeysWithValues: try await store.staff.list(workspaceId: workspace.id).map { ($0.id, $0.name) })
        let entries = try await store.audit.list(workspaceId: workspace.id, limit: 200, offset: 0)
        let rows = entries.map { entry in
            Row(cells: [time.instant(entry.createdAt), entry.actorId.flatMap { staffNames[$0] } ?? "—", entry.action,
                        "\(entry.subjectType) \(entry.subjectId)", entry.detail], href: nil, action: nil)
        }
        return try table(words["page.nav.audit"], columns: ["page.audit.when", "page.audit.who", "page.audit.action", "page.audit.subject",
                                                            "page.audit.detail"],
                         rows: rows, empty: "page.audit.empty", section: .audit, request: request, context: context)
    }

    struct WebhooksView {
        let table: TableView
        let fields: [FieldView]
        let error: String?
        let secret: String?
        let action: String
        let csrf: String
    }

    @Sendable func webhooks(request: Request, context: SlotlineContext) async throws -> Response {
        try await renderWebhooks(request, context, secret: nil, form: nil)
    }

    @Sendable func createWebhook(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        let form = try await staff.form(request, context)
        do {
            let (_, secret) = try await desk.webhookSubscriptions.create(url: form["url"] ?? "", events: form.all("events"), workspaceId: workspace.id)
            // The secret is shown on this answer only: Slotline keeps it sealed.
            return try await renderWebhooks(request, context, secret: secret, form: nil)
        } catch let failure as SlotlineError where failure.code != .internalError {
            return try await renderWebhooks(request, context, status: failure.code.status, secret: nil,
                                            form: FormState(form, failure: failure, language: staff.language(request, context), knownFields: ["url", "events"]))
        }
    }

    @Sendable func deleteWebhook(request: Request, context: SlotlineContext) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        _ = try await staff.form(request, context)
        try await desk.webhookSubscriptions.delete(id: try context.parameters.require("id"), workspaceId: workspace.id)
        return Pages.redirect("/admin/\(workspace.slug)/webhooks?done=deleted")
    }

    private func renderWebhooks(_ request: Request, _ context: SlotlineContext, status: HTTPResponse.Status = .ok, secret: String?,
                                form: FormState?) async throws -> Response {
        let (_, workspace) = try staff.configurer(context)
        let words = Words(staff.language(request, context))
        var rows: [Row] = []
        for subscription in try await store.webhooks.list(workspaceId: workspace.id) {
            let deliveries = try await store.webhooks.deliveries(subscriptionId: subscription.id, workspaceId: workspace.id, limit: 5)
            let log = deliveries.map { "\($0.eventType) → \($0.responseStatus.map(String.init) ?? $0.state.rawValue)" }.joined(separator: "; ")
            rows.append(Row(cells: [subscription.url, subscription.events.joined(separator: ", "), log.isEmpty ? "—" : log], href: nil,
                            action: "/admin/\(workspace.slug)/webhooks/\(subscription.id)/delete"))
        }
        let table = TableView(heading: words["page.nav.webhooks"], columns: ["page.webhooks.url", "page.webhooks.events", "page.webhooks.deliveries"]
                                .map { words[$0] }, rows: rows, hasRows: !rows.isEmpty, empty: words["page.webhooks.empty"],
                              actionLabel: words["page.webhooks.delete"], csrf: staff.csrf(request), intro: nil)
        var fields = FormFields(form: form, words: words, prefix: "page.webhooks.field")
        fields.text("url", "", kind: .text, required: true, placeholder: "https://example.com/hooks/slotline")
        fields.checkboxes("events", [], options: WebhookEventType.allCases.map { ($0.rawValue, $0.rawValue) })
        let view = WebhooksView(table: table, fields: fields.fields, error: form?.error, secret: secret,
                                action: "/admin/\(workspace.slug)/webhooks", csrf: staff.csrf(request))
        return try staff.render("admin-webhooks", view: view, title: words["page.nav.webhooks"], section: .webhooks, request: request,
                                context: context, status: status)
    }

    private func table(_ heading: String, columns: [String], rows: [Row], empty: String, actionLabel: String? = nil, intro: String? = nil,
                       section: AdminFrame.Section, request: Request, context: SlotlineContext) throws -> Response {
        let words = Words(staff.language(request, context))
        let view = TableView(heading: heading, columns: columns.map { words[$0] }, rows: rows, hasRows: !rows.isEmpty, empty: words[empty],
                             actionLabel: actionLabel, csrf: staff.csrf(request), intro: intro)
        return try staff.render("admin-table", view: view, title: heading, section: section, request: request, context: context)
    }

    private func find(_ context: SlotlineContext, workspace: Workspace) async throws -> OutboxMessage {
        guard let message = try await store.outbox.find(id: try context.parameters.require("id"), workspaceId: workspace.id) else {
            throw SlotlineError.notFound("message")
        }
        return message
    }
}
