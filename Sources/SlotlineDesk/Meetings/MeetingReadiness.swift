import Foundation
import SlotlineCore
import SlotlineStore

/// Which practitioners could not get a meeting made today: their default tool is unset, not
/// connected, needs reconnecting, or not offered by this server. Services whose meeting is made on
/// the practitioner's tool show it, so no booking is promised a link that cannot come.
public struct MeetingReadiness: Sendable {
    /// Practitioner id → name, for those without a usable default tool.
    let withoutTool: [String: String]

    /// The names of this service's practitioners who have no usable tool, if its meeting is made on theirs.
    public func practitionersWithoutTool(for service: Service) -> [String] {
        guard service.online, service.meetingLinkSource == .provider else { return [] }
        return service.practitionerIds.compactMap { withoutTool[$0] }.sorted()
    }

    public func hasTool(practitionerId: String) -> Bool { withoutTool[practitionerId] == nil }
}

extension Desk {
    public func meetingReadiness(workspaceId: String) async throws -> MeetingReadiness {
        var withoutTool: [String: String] = [:]
        for practitioner in try await store.practitioners.list(workspaceId: workspaceId) {
            let chosen = try await store.connections.defaultProvider(practitionerId: practitioner.id)
            let connections = try await store.connections.list(practitionerId: practitioner.id, workspaceId: workspaceId)
            let usable = chosen.map { provider in
                registry.available.contains(provider) && connections.contains { $0.provider == provider && $0.state == .connected }
            } ?? false
            if !usable { withoutTool[practitioner.id] = practitioner.name }
        }
        return MeetingReadiness(withoutTool: withoutTool)
    }
}
