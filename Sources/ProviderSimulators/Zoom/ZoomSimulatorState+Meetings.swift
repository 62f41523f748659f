import Foundation

/// The body of `POST /users/me/meetings` and `PATCH /meetings/{id}`; every field optional, checked in `validate`.
struct ZoomMeetingInput: Decodable {
    var topic: String?
    var type: Int?
    var start_time: String?
    var duration: Int?
    var timezone: String?
    var password: String?
    var agenda: String?
    var settings: SimulatedZoomMeetingSettings?
}

/// `GET /users/me/meetings` answer.
struct ZoomMeetingPage: Encodable {
    let page_size: Int
    let total_records: Int
    let next_page_token: String
    let meetings: [SimulatedZoomMeeting.ListItem]
}

extension ZoomSimulatorState {
    func createMeeting(for user: SimulatedZoomUser, _ input: ZoomMeetingInput) throws -> SimulatedZoomMeeting {
        try countMeetingWrite(for: user)
        let zoneName = input.timezone ?? user.timezone
        try Self.validate(input, topicRequired: true, zone: TimeZone(identifier: zoneName))
        let zone = TimeZone(identifier: zoneName) ?? .gmt
        let id = newMeetingId()
        let password = input.password ?? ZoomRandom.alphanumerics(6)
        let encrypted = ZoomRandom.token(bytes: 24)
        let type = input.type ?? 2
        let meeting = SimulatedZoomMeeting(
            id: id,
            uuid: ZoomRandom.bytes(16).base64EncodedString(),
            hostId: user.id,
            topic: input.topic ?? "",
            type: type,
            status: "waiting",
            startTime: input.start_time.flatMap { ZoomTime.parse($0, localZone: zone) } ?? now,
            duration: input.duration ?? 60,
            timezone: zoneName,
            agenda: input.agenda ?? "",
            password: password,
            h323Password: ZoomRandom.digits(6),
            pstnPassword: ZoomRandom.digits(6),
            encryptedPassword: encrypted,
            joinURL: "\(webBaseURL)/j/\(id)?pwd=\(encrypted)",
            startURL: "\(webBaseURL)/s/\(id)?zak=\(ZoomRandom.token(bytes: 30))",
            settings: SimulatedZoomMeetingSettings.defaults.merged(with: input.settings),
            createdAt: now
        )
        meetings[id] = meeting
        return meeting
    }

    func meeting(_ id: String, for user: SimulatedZoomUser) throws -> SimulatedZoomMeeting {
        guard let number = Int64(id), let meeting = meetings[number], meeting.hostId == user.id else {
            throw ZoomSimulatorError.meetingNotFound(id)
        }
        return meeting
    }

    func updateMeeting(_ id: String, for user: SimulatedZoomUser, _ input: ZoomMeetingInput) throws {
        var meeting = try meeting(id, for: user)
        try countMeetingWrite(for: user)
        let zoneName = input.timezone ?? meeting.timezone
        try Self.validate(input, topicRequired: false, zone: TimeZone(identifier: zoneName))
        let zone = TimeZone(identifier: zoneName) ?? .gmt
        if let topic = input.topic { meeting.topic = topic }
        if let type = input.type { meeting.type = type }
        if let start = input.start_time.flatMap({ ZoomTime.parse($0, localZone: zone) }) { meeting.startTime = start }
        if let duration = input.duration { meeting.duration = duration }
        meeting.timezone = zoneName
        if let agenda = input.agenda { meeting.agenda = agenda }
        if let password = input.password { meeting.password = password }
        meeting.settings = meeting.settings.merged(with: input.settings)
        meetings[meeting.id] = meeting
    }

    func deleteMeeting(_ id: String, for user: SimulatedZoomUser) throws {
        let meeting = try meeting(id, for: user)
        guard meeting.status != "started" else {
            throw ZoomSimulatorError.api(.badRequest, 3002, "Sorry, you cannot delete this meeting since it is in progress.")
        }
        meetings[meeting.id] = nil
    }

    func updateMeetingStatus(_ id: String, for user: SimulatedZoomUser, action: String?) throws {
        var meeting = try meeting(id, for: user)
        guard action == "end" else {
            throw ZoomSimulatorError.validation([.init(field: "action", message: "Invalid field.")])
        }
        // A scheduled meeting that ended can be started again until it expires, so Zoom shows it waiting.
        meeting.status = "waiting"
        meetings[meeting.id] = meeting
    }

    /// Sets a meeting running, as when its host opens the start URL.
    func startMeeting(id: Int64) -> Bool {
        guard meetings[id] != nil else { return false }
        meetings[id]?.status = "started"
        return true
    }

    func listMeetings(for user: SimulatedZoomUser, type: String?, pageSize: String?, nextPageToken: String?) throws -> ZoomMeetingPage {
        let size: Int
        if let pageSize {
            guard let n = Int(pageSize), n >= 1 else { throw ZoomSimulatorError.validation([.init(field: "page_size", message: "Invalid field.")]) }
            size = min(n, 300)
        } else {
            size = 30
        }
        var offset = 0
        if let nextPageToken, !nextPageToken.isEmpty {
            guard let data = Data(base64Encoded: nextPageToken), let text = String(data: data, encoding: .utf8),
                  text.hasPrefix("offset:"), let n = Int(text.dropFirst(7)), n >= 0
            else { throw ZoomSimulatorError.api(.badRequest, 300, "Invalid next_page_token.") }
            offset = n
        }
        let now = self.now
        let filter: (SimulatedZoomMeeting) -> Bool
        switch type ?? "scheduled" {
        case "scheduled": filter = { _ in true }
        case "live": filter = { $0.status == "started" }
        case "upcoming", "upcoming_meetings":
            filter = { $0.status == "started" || $0.startTime.addingTimeInterval(TimeInterval($0.duration * 60)) > now }
        case "previous_meetings":
            filter = { $0.status != "started" && $0.startTime.addingTimeInterval(TimeInterval($0.duration * 60)) <= now }
        default:
            throw ZoomSimulatorError.validation([.init(field: "type", message: "Invalid field.")])
        }
        let all = meetings.values
            .filter { $0.hostId == user.id && filter($0) }
            .sorted { ($0.startTime, $0.id) < ($1.startTime, $1.id) }
        let page = all.dropFirst(offset).prefix(size)
        let nextOffset = offset + page.count
        return ZoomMeetingPage(
            page_size: size,
            total_records: all.count,
            next_page_token: nextOffset < all.count ? Data("offset:\(nextOffset)".utf8).base64EncodedString() : "",
            meetings: page.map(\.listItem)
        )
    }

    func meetings(userId: String) -> [SimulatedZoomMeeting] {
        meetings.values.filter { $0.hostId == userId }.sorted { $0.createdAt < $1.createdAt }
    }

    /// Create and update count toward 100 a day per user, reset at 00:00 UTC.
    private func countMeetingWrite(for user: SimulatedZoomUser) throws {
        let day = ZoomTime.utcDay(now)
        var count = meetingWrites[user.id] ?? DailyCount(day: day, count: 0)
        if count.day != day { count = DailyCount(day: day, count: 0) }
        guard count.count < ZoomSimulator.dailyMeetingWriteLimit else {
            throw ZoomSimulatorError.rateLimited(
                "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make the next request.",
                retryAfter: String(ZoomTime.secondsToNextUTCMidnight(from: now)), type: "Daily-limit"
            )
        }
        count.count += 1
        meetingWrites[user.id] = count
    }

    private func newMeetingId() -> Int64 {
        while true {
            let id = Int64.random(in: 10_000_000_000...99_999_999_999)
            if meetings[id] == nil { return id }
        }
    }

    private static let passwordCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@-_*")

    static func validate(_ input: ZoomMeetingInput, topicRequired: Bool, zone: TimeZone?) throws {
        var errors: [ZoomSimulatorError.FieldError] = []
        if let topic = input.topic {
            if topic.trimmingCharacters(in: .whitespaces).isEmpty && topicRequired {
                errors.append(.init(field: "topic", message: "This field is required."))
            } else if topic.count > 200 {
                errors.append(.init(field: "topic", message: "Length must be less than or equal to 200."))
            }
        } else if topicRequired {
            errors.append(.init(field: "topic", message: "This field is required."))
        }
        if let type = input.type, ![1, 2, 3, 8].contains(type) {
            errors.append(.init(field: "type", message: "Invalid field."))
        }
        if input.timezone != nil, zone == nil {
            errors.append(.init(field: "timezone", message: "Invalid field."))
        }
        if let start = input.start_time, ZoomTime.parse(start, localZone: zone ?? .gmt) == nil {
            errors.append(.init(field: "start_time", message: "Invalid field."))
        }
        if let duration = input.duration, duration < 0 {
            errors.append(.init(field: "duration", message: "Invalid field."))
        }
        if let password = input.password, password.isEmpty || password.count > 10 || !password.allSatisfy(passwordCharacters.contains) {
            errors.append(.init(field: "password", message: "Password can only have a maximum of 10 characters and only contain [a-z A-Z 0-9 @ - _ *]."))
        }
        if let agenda = input.agenda, agenda.count > 2000 {
            errors.append(.init(field: "agenda", message: "Length must be less than or equal to 2000."))
        }
        if !errors.isEmpty { throw ZoomSimulatorError.validation(errors) }
    }
}
