import Foundation
import SlotlineCore

struct MeetingRecord: Codable, Sendable {
    static let table = "meetings"
    var id: String
    var workspaceId: String
    var groupKey: String
    var provider: String
    var connectionId: String?
    var topic: String
    var startsAt: Int64
    var durationMinutes: Int
    var timeZone: String
    var externalId: String?
    var meetingNumber: String?
    var joinUrl: String?
    var passcode: String?
    var sealedHostUrl: String?
    var syncedStartsAt: Int64?
    var syncedDurationMinutes: Int?
    var state: String
    var wanted: Bool
    var lastError: String?
    var createdAt: Int64
    var updatedAt: Int64

    init(_ meeting: Meeting, sealedHostURL: String?) {
        id = meeting.id
        workspaceId = meeting.workspaceId
        groupKey = meeting.groupKey
        provider = meeting.provider.rawValue
        connectionId = meeting.connectionId
        topic = meeting.topic
        startsAt = meeting.startsAt.unixSeconds
        durationMinutes = meeting.durationMinutes
        timeZone = meeting.timeZone
        externalId = meeting.externalId
        meetingNumber = meeting.meetingNumber
        joinUrl = meeting.joinURL
        passcode = meeting.passcode
        sealedHostUrl = sealedHostURL
        syncedStartsAt = meeting.syncedStartsAt?.unixSeconds
        syncedDurationMinutes = meeting.syncedDurationMinutes
        state = meeting.state.rawValue
        wanted = meeting.wanted
        lastError = meeting.lastError
        createdAt = meeting.createdAt.unixSeconds
        updatedAt = meeting.updatedAt.unixSeconds
    }

    var model: Meeting {
        Meeting(id: id, workspaceId: workspaceId, groupKey: groupKey, provider: ProviderKind(rawValue: provider), connectionId: connectionId, topic: topic,
                startsAt: Date(unixSeconds: startsAt), durationMinutes: durationMinutes, timeZone: timeZone, externalId: externalId,
                meetingNumber: meetingNumber, joinURL: joinUrl, passcode: passcode,
                syncedStartsAt: syncedStartsAt.map(Date.init(unixSeconds:)), syncedDurationMinutes: syncedDurationMinutes,
                state: Meeting.State(rawValue: state) ?? .failed, wanted: wanted, lastError: lastError,
                createdAt: Date(unixSeconds: createdAt), updatedAt: Date(unixSeconds: updatedAt))
    }
}
