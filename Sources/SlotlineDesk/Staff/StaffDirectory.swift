import Foundation
import SlotlineCore
import SlotlineNotify
import SlotlineStore

/// The workspace's staff: invitations by emailed link, roles, linked practitioners and
/// deactivation, and passwords set from a one-time link (an invitation or a forgotten password).
public struct StaffDirectory: Sendable {
    let store: Store
    let settings: ServerSettings

    static let inviteLifetime: TimeInterval = 7 * 86_400
    static let resetLifetime: TimeInterval = 3600

    public init(store: Store, settings: ServerSettings) {
        self.store = store
        self.settings = settings
    }

    /// Adds a member who sets their own password from the emailed link.
    public func invite(name: String, email: String, role: StaffRole, practitionerId: String?, workspace: Workspace,
                       by inviter: StaffUser) async throws -> StaffUser {
        try Self.mayManage(role: role, by: inviter)
        guard let name = try FieldInput.text(name, field: "name", max: 200, required: true) else { throw SlotlineError.missing("name") }
        guard Customer.looksLikeEmail(email) else { throw SlotlineError.invalid("email") }
        try await checkPractitioner(practitionerId, workspaceId: workspace.id)
        let member = StaffUser(id: Secrets.newID(), workspaceId: workspace.id, email: email, name: name, role: role, practitionerId: practitionerId)
        // No password anyone could type until the link sets one.
        try await store.staff.create(member, passwordHash: Passwords.unknownUserHash, now: store.time.now())
        try await sendLink(.invite, to: member, workspace: workspace, lifetime: Self.inviteLifetime)
        try await audit("staff.invited", member, by: inviter)
        return member
    }

    /// Changes a member's role, practitioner or activity. Only an owner touches an owner, and nobody
    /// deactivates or demotes themselves (a workspace always keeps someone who can configure it).
    public func update(memberId: String, role: StaffRole, practitionerId: String?, active: Bool, by user: StaffUser) async throws {
        guard var member = try await store.staff.find(id: memberId, workspaceId: user.workspaceId) else { throw SlotlineError.notFound("staff") }
        try Self.mayManage(role: member.role, by: user)
        try Self.mayManage(role: role, by: user)
        if member.id == user.id, role != member.role || !active { throw SlotlineError(.forbidden, field: "role") }
        try await checkPractitioner(practitionerId, workspaceId: user.workspaceId)
        member.role = role
        member.practitionerId = practitionerId
        member.active = active
        try await store.staff.update(member)
        try await audit(active ? "staff.updated" : "staff.deactivated", member, by: user)
    }

    /// Sends a reset link if the email belongs to an active member; the answer is the same either way.
    public func requestPasswordReset(email: String) async throws {
        for (member, _) in try await store.staff.credentials(email: email) {
            guard let workspace = try await store.workspaces.find(id: member.workspaceId) else { continue }
            try await sendLink(.reset, to: member, workspace: workspace, lifetime: Self.resetLifetime)
        }
    }

    /// Whom a link is for, while it still works (to greet them on the form).
    public func member(link token: String, purpose: Staff.LinkPurpose) async throws -> StaffUser? {
        try await store.staff.link(token, purpose: purpose, now: store.time.now(), consume: false)
    }

    /// Sets the password from a link, once; `not_found` (token) when the link is used, expired or unknown.
    public func setPassword(link token: String, purpose: Staff.LinkPurpose, password: String) async throws -> StaffUser {
        let hash = try await Passwords.hash(password)
        guard let member = try await store.staff.link(token, purpose: purpose, now: store.time.now(), consume: true) else {
            throw SlotlineError.notFound("link")
        }
        try await store.staff.setPassword(userId: member.id, hash: hash)
        try await audit(purpose == .invite ? "staff.joined" : "staff.password_reset", member, by: member)
        return member
    }

    private func sendLink(_ purpose: Staff.LinkPurpose, to member: StaffUser, workspace: Workspace, lifetime: TimeInterval) async throws {
        let now = store.time.now()
        let token = try await store.staff.createLink(userId: member.id, purpose: purpose, lifetime: lifetime, now: now)
        let path = purpose == .invite ? "invite" : "reset"
        let rendered = AccountMessage.render(purpose.rawValue, language: workspace.defaultLanguage, recipientName: member.name,
                                             workspaceName: workspace.name, link: "\(settings.publicURL)/admin/\(path)/\(token)")
        try await store.outbox.add(settings.outgoing(
            "staff-\(purpose.rawValue)", to: MailAddress(name: member.name, address: member.email), language: workspace.defaultLanguage,
            rendered: rendered, bookingId: nil, workspaceId: workspace.id, dedupeKey: "staff-link:\(Secrets.hash(token))", now: now))
    }

    /// Admins manage staff and admins; only owners make or change owners.
    private static func mayManage(role: StaffRole, by user: StaffUser) throws {
        guard user.role.canConfigure, role != .owner || user.role == .owner else { throw SlotlineError(.forbidden, field: "role") }
    }

    private func checkPractitioner(_ id: String?, workspaceId: String) async throws {
        guard let id else { return }
        guard try await store.practitioners.find(id: id, workspaceId: workspaceId) != nil else { throw SlotlineError.notFound("practitioner") }
    }

    private func audit(_ action: String, _ member: StaffUser, by user: StaffUser) async throws {
        try await store.audit.record(AuditEntry(workspaceId: member.workspaceId, actorId: user.id, action: action, subjectType: "staff",
                                                subjectId: member.id, detail: "\(member.email) \(member.role.rawValue)", createdAt: store.time.now()))
    }
}
