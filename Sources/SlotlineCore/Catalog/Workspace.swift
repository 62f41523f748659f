import Foundation

/// One studio or company.
public struct Workspace: Sendable, Equatable {
    public var id: String
    public var slug: String
    public var name: String
    public var timeZone: String
    public var defaultLanguage: Language
    /// Shown to customers while a paid booking waits for payment.
    public var paymentInstructions: String
    /// Whether the customer's manage page shows the join link of a confirmed booking (else only
    /// the public instructions, and the link comes by email).
    public var manageShowsJoinLink: Bool

    public init(id: String, slug: String, name: String, timeZone: String,
                defaultLanguage: Language = .en, paymentInstructions: String = "", manageShowsJoinLink: Bool = false) {
        self.id = id
        self.slug = slug
        self.name = name
        self.timeZone = timeZone
        self.defaultLanguage = defaultLanguage
        self.paymentInstructions = paymentInstructions
        self.manageShowsJoinLink = manageShowsJoinLink
    }

    /// Lower-case letters, digits and inner hyphens, 2 to 63 characters: safe in a URL path.
    public static func validate(slug: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        guard (2...63).contains(slug.count), slug.allSatisfy(allowed.contains),
              slug.first != "-", slug.last != "-" else {
            throw SlotlineError.invalid("slug", "a-z, 0-9 and -")
        }
    }
}

/// Who may do what in the back office.
public enum StaffRole: String, Sendable, Codable, CaseIterable {
    case owner, admin, staff

    /// Owners and admins configure the workspace; staff work with bookings.
    public var canConfigure: Bool { self != .staff }
}

public struct StaffUser: Sendable, Equatable {
    public var id: String
    public var workspaceId: String
    public var email: String
    public var name: String
    public var role: StaffRole
    /// The practitioner this user is, if any: they see private meeting details of their own bookings.
    public var practitionerId: String?
    /// A deactivated user can no longer sign in, and their sessions and API keys stop working.
    public var active: Bool

    public init(id: String, workspaceId: String, email: String, name: String, role: StaffRole, practitionerId: String? = nil,
                active: Bool = true) {
        self.id = id
        self.workspaceId = workspaceId
        self.email = email
        self.name = name
        self.role = role
        self.practitionerId = practitionerId
        self.active = active
    }
}
