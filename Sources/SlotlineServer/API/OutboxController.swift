import Foundation
import Hummingbird
import SlotlineCore
import SlotlineDesk
import SlotlineNotify
import SlotlineStore

/// `/api/v1/outbox`: every message Slotline wrote, and each as an `.eml` file. Messages carry
/// private meeting details, so only owners and admins read them.
struct OutboxController {
    let store: Store
    let settings: ServerSettings

    struct MessageView: ResponseEncodable {
        let id: String
        let bookingId: String?
        let kind: String
        let to: String
        let toName: String
        let language: Language
        let subject: String
        let transport: OutboxMessage.Transport
        let state: OutboxMessage.State
        let attempts: Int
        let lastError: String?
        let calendarMethod: String?
        let createdAt: String
        let sentAt: String?
        let emlPath: String

        init(_ message: OutboxMessage) {
            let utc = TimeZone(identifier: "UTC")!
            id = message.id
            bookingId = message.bookingId
            kind = message.kind
            to = message.recipientEmail
            toName = message.recipientName
            language = message.language
            subject = message.subject
            transport = message.transport
            state = message.state
            attempts = message.attempts
            lastError = message.lastError
            calendarMethod = message.calendarMethod
            createdAt = RFC3339.format(message.createdAt, in: utc)
            sentAt = message.sentAt.map { RFC3339.format($0, in: utc) }
            emlPath = "/api/v1/outbox/\(message.id).eml"
        }
    }

    func addRoutes(to group: RouterGroup<SlotlineContext>) {
        group.get("outbox", use: list)
        group.get("outbox/{id}.eml", use: eml)
    }

    @Sendable func list(request: Request, context: SlotlineContext) async throws -> ListView<MessageView> {
        let user = try context.requireConfigurer()
        let query = request.uri.queryParameters
        let limit = try FieldInput.integer(query.get("limit"), field: "limit", range: 1...500, default: 100)
        let offset = try FieldInput.integer(query.get("offset"), field: "offset", range: 0...1_000_000, default: 0)
        let messages = try await store.outbox.list(workspaceId: user.workspaceId, bookingId: query.get("bookingId"),
                                                   limit: limit, offset: offset)
        return ListView(items: messages.map(MessageView.init))
    }

    @Sendable func eml(request: Request, context: SlotlineContext) async throws -> Response {
        let user = try context.requireConfigurer()
        guard let message = try await store.outbox.find(id: try context.parameters.require(), workspaceId: user.workspaceId) else {
            throw SlotlineError.notFound("message")
        }
        return Response(status: .ok,
                        headers: [.contentType: "message/rfc822",
                                  .contentDisposition: "attachment; filename=\"\(message.id).eml\""],
                        body: .init(byteBuffer: ByteBuffer(string: message.mail(from: settings.mailFrom).rendered())))
    }
}
