import SlotlineCore
import SlotlineStore

/// Providers without accounts of their own (the sandbox, Jitsi) are connected with one click:
/// one local account per practitioner, no tokens.
enum OneClickConnection {
    static func connect(_ provider: ProviderKind, label: String, practitioner: Practitioner, store: Store) async throws -> Connection {
        try await store.connections.connect(
            workspaceId: practitioner.workspaceId, practitionerId: practitioner.id, provider: provider,
            externalUserId: "\(provider.rawValue):\(practitioner.id)", label: label, scope: "",
            tokens: SealedTokens(access: "", refresh: nil, accessExpiresAt: nil)).0
    }
}
