import Foundation

/// A meeting held by the simulated Zoom; encodes to the meeting object of `GET /v2/meetings/{id}`.
public struct SimulatedZoomMeeting: Sendable, Hashable, Encodable {
    public var id: Int64
    public var uuid: String
    public var hostId: String
    public var topic: String
    /// 1 instant, 2 scheduled, 3 recurring without fixed time, 8 recurring with fixed time.
    public var type: Int
    /// "waiting" or "started".
    public var status: String
    public var startTime: Date
    /// Minutes.
    public var duration: Int
    public var timezone: String
    public var agenda: String
    public var password: String
    public var h323Password: String
    public var pstnPassword: String
    public var encryptedPassword: String
    public var joinURL: String
    public var startURL: String
    public var settings: SimulatedZoomMeetingSettings
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, uuid, topic, type, status, duration, timezone, agenda, password, settings
        case hostId = "host_id"
        case startTime = "start_time"
        case h323Password = "h323_password"
        case pstnPassword = "pstn_password"
        case encryptedPassword = "encrypted_password"
        case joinURL = "join_url"
        case startURL = "start_url"
        case createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(uuid, forKey: .uuid)
        try c.encode(hostId, forKey: .hostId)
        try c.encode(topic, forKey: .topic)
        try c.encode(type, forKey: .type)
        try c.encode(status, forKey: .status)
        try c.encode(ZoomTime.format(startTime), forKey: .startTime)
        try c.encode(duration, forKey: .duration)
        try c.encode(timezone, forKey: .timezone)
        try c.encode(agenda, forKey: .agenda)
        try c.encode(password, forKey: .password)
        try c.encode(h323Password, forKey: .h323Password)
        try c.encode(pstnPassword, forKey: .pstnPassword)
        try c.encode(encryptedPassword, forKey: .encryptedPassword)
        try c.encode(joinURL, forKey: .joinURL)
        try c.encode(startURL, forKey: .startURL)
        try c.encode(settings, forKey: .settings)
        try c.encode(ZoomTime.format(createdAt), forKey: .createdAt)
    }

    /// The shorter form listed by `GET /v2/users/me/meetings`.
    var listItem: ListItem {
        ListItem(
            uuid: uuid, id: id, host_id: hostId, topic: topic, type: type, start_time: ZoomTime.format(startTime),
            duration: duration, timezone: timezone, agenda: agenda, created_at: ZoomTime.format(createdAt), join_url: joinURL
        )
    }

    struct ListItem: Encodable {
        let uuid: String
        let id: Int64
        let host_id: String
        let topic: String
        let type: Int
        let start_time: String
        let duration: Int
        let timezone: String
        let agenda: String
        let created_at: String
        let join_url: String
    }
}

/// Meeting settings as sent and returned by Zoom; absent fields keep their previous value.
public struct SimulatedZoomMeetingSettings: Sendable, Hashable, Codable {
    public var joinBeforeHost: Bool?
    public var waitingRoom: Bool?
    public var hostVideo: Bool?
    public var participantVideo: Bool?
    public var muteUponEntry: Bool?
    public var approvalType: Int?
    public var audio: String?
    public var autoRecording: String?

    public init(
        joinBeforeHost: Bool? = nil, waitingRoom: Bool? = nil, hostVideo: Bool? = nil, participantVideo: Bool? = nil,
        muteUponEntry: Bool? = nil, approvalType: Int? = nil, audio: String? = nil, autoRecording: String? = nil
    ) {
        self.joinBeforeHost = joinBeforeHost
        self.waitingRoom = waitingRoom
        self.hostVideo = hostVideo
        self.participantVideo = participantVideo
        self.muteUponEntry = muteUponEntry
        self.approvalType = approvalType
        self.audio = audio
        self.autoRecording = autoRecording
    }

    enum CodingKeys: String, CodingKey {
        case audio
        case joinBeforeHost = "join_before_host"
        case waitingRoom = "waiting_room"
        case hostVideo = "host_video"
        case participantVideo = "participant_video"
        case muteUponEntry = "mute_upon_entry"
        case approvalType = "approval_type"
        case autoRecording = "auto_recording"
    }

    /// Zoom's defaults for a new meeting.
    static let defaults = SimulatedZoomMeetingSettings(
        joinBeforeHost: false, waitingRoom: false, hostVideo: false, participantVideo: false,
        muteUponEntry: false, approvalType: 2, audio: "voip", autoRecording: "none"
    )

    /// These settings with every field given in `patch` replaced.
    func merged(with patch: SimulatedZoomMeetingSettings?) -> SimulatedZoomMeetingSettings {
        guard let patch else { return self }
        return SimulatedZoomMeetingSettings(
            joinBeforeHost: patch.joinBeforeHost ?? joinBeforeHost,
            waitingRoom: patch.waitingRoom ?? waitingRoom,
            hostVideo: patch.hostVideo ?? hostVideo,
            participantVideo: patch.participantVideo ?? participantVideo,
            muteUponEntry: patch.muteUponEntry ?? muteUponEntry,
            approvalType: patch.approvalType ?? approvalType,
            audio: patch.audio ?? audio,
            autoRecording: patch.autoRecording ?? autoRecording
        )
    }
}
