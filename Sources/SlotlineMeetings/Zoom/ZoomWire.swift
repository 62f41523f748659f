import Foundation
import SlotlineCore

/// Zoom's JSON shapes, spelled as Zoom spells them (PROVIDERS.md, Zoom REST API).
enum ZoomWire {
    /// The meeting object of create, get and list answers.
    struct Meeting: Decodable {
        let id: Int64
        let topic: String?
        let start_time: String?
        let duration: Int?
        let timezone: String?
        let agenda: String?
        let join_url: String?
        let start_url: String?
        let password: String?

        func providerMeeting() throws -> ProviderMeeting {
            guard let joinURL = join_url, let startTime = start_time, let start = RFC3339.parse(startTime) else {
                throw MeetingProviderError.transient("Zoom answered a meeting without join URL or start time")
            }
            return ProviderMeeting(externalId: String(id), meetingNumber: String(id), joinURL: joinURL,
                                   hostURL: start_url, passcode: password.flatMap { $0.isEmpty ? nil : $0 },
                                   start: start, durationMinutes: duration ?? 0)
        }
    }

    /// `GET /users/me/meetings`.
    struct MeetingList: Decodable {
        let meetings: [Meeting]?
        let next_page_token: String?
    }

    /// `GET /users/me`.
    struct UserList: Decodable {
        let users: [User]?
        let next_page_token: String?
    }

    struct User: Decodable {
        let id: String
        let email: String?
        let first_name: String?
        let last_name: String?
        let display_name: String?
        /// 1 basic, 2 licensed.
        let type: Int?

        var account: ProviderAccount {
            let fullName = [first_name, last_name].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            let name = display_name.flatMap { $0.isEmpty ? nil : $0 } ?? (fullName.isEmpty ? nil : fullName)
            let label = switch (name, email) {
            case let (name?, email?): "\(name) (\(email))"
            case let (name?, nil): name
            case let (nil, email?): email
            case (nil, nil): id
            }
            return ProviderAccount(externalUserId: id, email: email, label: label)
        }
    }

    /// Every error answer: `{"code": 3001, "message": "…", "errors": [{field, message}]}`.
    struct ErrorBody: Decodable {
        struct FieldError: Decodable {
            let field: String?
            let message: String?
        }

        let code: Int?
        let message: String?
        let errors: [FieldError]?
    }

    /// The body of `POST /users/me/meetings` and `PATCH /meetings/{id}`.
    struct MeetingBody: Encodable {
        var topic: String
        /// 2 = scheduled; only sent on create.
        var type: Int?
        var start_time: String
        var duration: Int
        var timezone: String
        var password: String?
        var agenda: String
    }
}
