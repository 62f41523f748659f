import Foundation

/// The video meeting behind a booking (or behind one time slot of a group session). `wanted` is
/// what the bookings ask for; the sync job makes the provider match it, however often it runs.
public struct Meeting: Sendable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Not yet created on the provider.
        case pending
        case created
        case started
        case ended
        case deleted
        /// Parked: the provider refused for good (e.g. the connection needs reconnecting).
        case failed
    }

    public var id: String
    public var workspaceId: String
    /// `booking:<id>` for one-to-one bookings, `group:<service>:<practitioner>:<start>` for a session's seats,
    /// `video:<id>` for a video meeting on a line.
    public var groupKey: String
    public var provider: ProviderKind
    public var connectionId: String?
    /// The pool line it is made on (video meetings, pool bookings); nil: the practitioner's own connection.
    public var lineId: String?
    public var topic: String
    public var startsAt: Date
    public var durationMinutes: Int
    public var timeZone: String
    public var externalId: String?
    public var meetingNumber: String?
    public var joinURL: String?
    public var passcode: String?
    /// The start and duration the provider last confirmed; differing from the wanted ones means an update is due.
    public var syncedStartsAt: Date?
    public var syncedDurationMinutes: Int?
    /// The topic the provider last confirmed; nil for meetings synced before topics were compared.
    public var syncedTopic: String?
    public var state: State
    /// False once no confirmed booking needs the meeting: the sync job deletes it.
    public var wanted: Bool
    public var lastError: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, workspaceId: String, groupKey: String, provider: ProviderKind, connectionId: String?, lineId: String? = nil, topic: String,
                startsAt: Date, durationMinutes: Int, timeZone: String, externalId: String? = nil, meetingNumber: String? = nil,
                joinURL: String? = nil, passcode: String? = nil, syncedStartsAt: Date? = nil, syncedDurationMinutes: Int? = nil,
                state: State = .pending, wanted: Bool = true, lastError: String? = nil, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.workspaceId = workspaceId
        self.groupKey = groupKey
        self.provider = provider
        self.connectionId = connectionId
        self.lineId = lineId
        self.topic = topic
        self.startsAt = startsAt
        self.durationMinutes = durationMinutes
        self.timeZone = timeZone
        self.externalId = externalId
        self.meetingNumber = meetingNumber
        self.joinURL = joinURL
        self.passcode = passcode
        self.syncedStartsAt = syncedStartsAt
        self.syncedDurationMinutes = syncedDurationMinutes
        self.syncedTopic = nil
        self.state = state
        self.wanted = wanted
        self.lastError = lastError
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// What a group key names: the bookings a meeting serves.
    public enum Group: Sendable, Equatable {
        /// One booking of a one-seat service.
        case booking(id: String)
        /// Every seat of one group session time.
        case session(serviceId: String, practitionerId: String, startsAt: Date)
        /// A company's video meeting on a line of its pool.
        case video(id: String)

        public init(for booking: Booking, capacity: Int) {
            self = capacity > 1 ? .session(serviceId: booking.serviceId, practitionerId: booking.practitionerId, startsAt: booking.startsAt)
                                : .booking(id: booking.id)
        }

        /// Reads a key written by `key`; nil for anything else.
        public init?(key: String) {
            let parts = key.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            switch parts.first {
            case "booking" where parts.count == 2 && !parts[1].isEmpty:
                self = .booking(id: parts[1])
            case "video" where parts.count == 2 && !parts[1].isEmpty:
                self = .video(id: parts[1])
            case "group" where parts.count == 4 && !parts[1].isEmpty && !parts[2].isEmpty:
                guard let seconds = Int64(parts[3]) else { return nil }
                self = .session(serviceId: parts[1], practitionerId: parts[2], startsAt: Date(timeIntervalSince1970: TimeInterval(seconds)))
            default:
                return nil
            }
        }

        public var key: String {
            switch self {
            case .booking(let id): "booking:\(id)"
            case .video(let id): "video:\(id)"
            case .session(let serviceId, let practitionerId, let startsAt):
                "group:\(serviceId):\(practitionerId):\(Int64(startsAt.timeIntervalSince1970))"
            }
        }
    }

    /// The group a booking's meeting belongs to: seats of one group session share one meeting.
    public static func groupKey(for booking: Booking, capacity: Int) -> String {
        Group(for: booking, capacity: capacity).key
    }

    /// The bookings the meeting serves; nil for a key this version does not write.
    public var group: Group? { Group(key: groupKey) }

    /// Parked before the provider gave a link: the customers' confirmations went out without one.
    public var parkedWithoutLink: Bool { state == .failed && joinURL == nil }

    /// The marker put in the provider meeting's agenda, to find it again after a lost answer.
    public var marker: String { "slotline:\(id)" }

    /// True when the provider has the meeting and its time and topic match what is wanted.
    public var inSync: Bool {
        wanted ? externalId != nil && syncedStartsAt == startsAt && syncedDurationMinutes == durationMinutes && syncedTopic.map { $0 == topic } != false
            : state == .deleted
    }
}

extension Meeting.State {
    /// Whether a provider's report of `reported`, made at `reportedAt` (milliseconds since 1970),
    /// replaces this state, last reported at `lastReportAt`. Reports are applied in the order the
    /// provider saw them, not the order they arrive: never after a deletion; a newer report always;
    /// of two at the same instant, the later stage of a meeting's life (started, ended, deleted).
    public func yields(to reported: Meeting.State, reportedAt: Int64, lastReportAt: Int64?) -> Bool {
        guard self != .deleted else { return false }
        guard let last = lastReportAt else { return true }
        return reportedAt > last || (reportedAt == last && reported.stage > stage)
    }

    private var stage: Int {
        switch self {
        case .pending, .failed: 0
        case .created: 1
        case .started: 2
        case .ended: 3
        case .deleted: 4
        }
    }
}
