import Foundation
import SlotlineCore
import SlotlineNotify
import SlotlineStore

extension Desk {
    /// Sends a service's confirmed-booking message, with its real meeting link, to a staff address
    /// for a booking an hour past tomorrow's same hour: the way to check a link before customers see it.
    public func sendTestMessage(service: Service, practitionerId: String?, to recipient: MailAddress, language: Language?,
                                workspaceId: String) async throws -> OutboxMessage {
        let practitionerId = practitionerId ?? service.practitionerIds.first
        guard let practitionerId, service.practitionerIds.contains(practitionerId),
              let practitioner = try await store.practitioners.find(id: practitionerId, workspaceId: workspaceId) else {
            throw SlotlineError.invalid("practitionerId", "a practitioner of this service")
        }
        guard let workspace = try await store.workspaces.find(id: workspaceId) else { throw SlotlineError.notFound("workspace") }
        let start = Date(unixSeconds: (store.time.now().unixSeconds / 3600 + 25) * 3600)
        return try await messages.testMessage(service: service, practitioner: practitioner, workspace: workspace, to: recipient,
                                              language: language ?? workspace.defaultLanguage, startsAt: start)
    }
}
