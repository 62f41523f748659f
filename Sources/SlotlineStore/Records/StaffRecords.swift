import Foundation
import SlotlineCore

/// A staff user's row: the user, the password hash, and when the user was made.
struct StaffUserRecord: TableRecord {
    static let table = "staff_users"

    enum Columns {
        static let id = "id"
        static let workspaceId = "workspace_id"
        static let email = "email"
        static let name = "name"
        static let role = "role"
        static let passwordHash = "password_hash"
        static let practitionerId = "practitioner_id"
        static let active = "active"
        static let createdAt = "created_at"
    }

    var user: StaffUser
    var passwordHash: String
    var createdAt: Date

    static let fields: [Field<StaffUserRecord>] = [
        .value(Columns.id, \.user.id),
        .value(Columns.workspaceId, \.user.workspaceId),
        .value(Columns.email, \.user.email),
        .value(Columns.name, \.user.name),
        .raw(Columns.role, \.user.role, unknown: .staff),
        .value(Columns.passwordHash, \.passwordHash),
        .value(Columns.practitionerId, \.user.practitionerId),
        .value(Columns.active, \.user.active),
        .seconds(Columns.createdAt, \.createdAt),
    ]

    static let blank = StaffUserRecord(user: StaffUser(id: "", workspaceId: "", email: "", name: "", role: .staff),
                                       passwordHash: "", createdAt: .distantPast)
}

/// API keys are written once and read only through their staff user (`Staff.user(apiKey:)`).
enum APIKeyTable {
    static let table = "api_keys"

    enum Columns {
        static let id = "id"
        static let workspaceId = "workspace_id"
        static let staffUserId = "staff_user_id"
        static let name = "name"
        static let tokenHash = "token_hash"
        static let createdAt = "created_at"
        static let revokedAt = "revoked_at"
    }
}

/// Login sessions are written once and read only through their staff user (`Staff.user(session:now:)`).
enum SessionTable {
    static let table = "sessions"

    enum Columns {
        static let tokenHash = "token_hash"
        static let staffUserId = "staff_user_id"
        static let expiresAt = "expires_at"
        static let createdAt = "created_at"
    }
}

/// One-time links that let a staff member set a password: an invitation, or a forgotten password.
enum StaffLinkTable {
    static let table = "staff_links"

    enum Columns {
        static let tokenHash = "token_hash"
        static let staffUserId = "staff_user_id"
        static let purpose = "purpose"
        static let expiresAt = "expires_at"
        static let usedAt = "used_at"
        static let createdAt = "created_at"
    }
}
