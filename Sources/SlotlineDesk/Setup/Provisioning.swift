import Foundation
import SlotlineCore
import SlotlineStore

/// Creating workspaces and their first owner, shared by `create-admin` and `demo`.
public struct Provisioning: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    public struct Owner: Sendable, Encodable {
        public let workspaceId: String
        public let workspace: String
        public let userId: String
        public let email: String
        public let apiKey: String
    }

    /// The workspace with this slug, created with the given zone if it does not exist yet.
    public func workspace(slug: String, name: String? = nil, timeZone: String = "UTC", language: Language = .en,
                          paymentInstructions: String = "") async throws -> Workspace {
        if let existing = try await store.workspaces.find(slug: slug) { return existing }
        let workspace = Workspace(id: Secrets.newID(), slug: slug, name: name ?? slug, timeZone: timeZone,
                                  defaultLanguage: language, paymentInstructions: paymentInstructions)
        try await store.workspaces.create(workspace, now: store.time.now())
        return workspace
    }

    /// Creates an owner (or reuses the existing user with that email) and issues a new API key.
    public func owner(in workspace: Workspace, email: String, password: String, name: String = "Owner") async throws -> Owner {
        guard Customer(name: name, email: email, timeZone: "UTC").validatedEmail else { throw SlotlineError.invalid("email") }
        let user: StaffUser
        if let (existing, _) = try await store.staff.credentials(workspaceId: workspace.id, email: email) {
            user = existing
        } else {
            user = StaffUser(id: Secrets.newID(), workspaceId: workspace.id, email: email.lowercased(), name: name, role: .owner)
            try await store.staff.create(user, passwordHash: try await Passwords.hash(password), now: store.time.now())
        }
        let key = try await store.staff.createAPIKey(for: user, name: "create-admin", now: store.time.now())
        return Owner(workspaceId: workspace.id, workspace: workspace.slug, userId: user.id, email: user.email, apiKey: key)
    }
}

extension Customer {
    var validatedEmail: Bool { (try? validated()) != nil }
}
