import Foundation
import SlotlineCore

struct StaffUserRecord: Codable, Sendable {
    static let table = "staff_users"
    var id: String
    var workspaceId: String
    var email: String
    var name: String
    var role: String
    var passwordHash: String
    var practitionerId: String?
    var createdAt: Int64

    var model: StaffUser {
        StaffUser(id: id, workspaceId: workspaceId, email: email, name: name,
                  role: StaffRole(rawValue: role) ?? .staff, practitionerId: practitionerId)
    }
}

struct APIKeyRecord: Codable, Sendable {
    static let table = "api_keys"
    var id: String
    var workspaceId: String
    var staffUserId: String
    var name: String
    var tokenHash: String
    var createdAt: Int64
    var revokedAt: Int64?
}

struct SessionRecord: Codable, Sendable {
    static let table = "sessions"
    var tokenHash: String
    var staffUserId: String
    var expiresAt: Int64
    var createdAt: Int64
}
