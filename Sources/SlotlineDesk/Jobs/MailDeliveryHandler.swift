import Foundation
import Logging
import SlotlineNotify
import SlotlineStore

/// Delivers an outbox message through SMTP. A server that is down or answers 4xx means a retry
/// with backoff; a 5xx refusal, or the last attempt, leaves the message visibly failed.
struct MailDeliveryHandler: PayloadHandler {
    let store: Store
    let settings: ServerSettings

    func run(_ payload: MailDeliveryDue, job: Job) async throws {
        guard let message = try await store.outbox.find(id: payload.messageId, workspaceId: nil), message.state != .sent else { return }
        guard let smtp = settings.smtp else {
            try await store.outbox.recordAttempt(id: message.id, state: .failed, error: "SMTP is not configured")
            throw JobError.permanent("SMTP is not configured")
        }
        do {
            try await SMTPClient(settings: smtp).send(from: settings.mailFrom.address, to: [message.recipientEmail],
                                                      message: message.mail(from: settings.mailFrom).rendered())
        } catch {
            let lastTry = !error.isTransient || job.attempts >= job.maxAttempts
            try await store.outbox.recordAttempt(id: message.id, state: lastTry ? .failed : .queued, error: error.description)
            if lastTry { throw JobError.permanent(error.description) }
            throw error
        }
        try await store.outbox.recordAttempt(id: message.id, state: .sent, error: nil)
    }
}
