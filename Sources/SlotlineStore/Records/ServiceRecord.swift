import Foundation
import SlotlineCore

struct ServiceRecord: Codable, Sendable {
    static let table = "services"
    var id: String
    var workspaceId: String
    var name: String
    var description: String
    var durationMinutes: Int
    var bufferBeforeMinutes: Int
    var bufferAfterMinutes: Int
    var slotIntervalMinutes: Int
    var capacity: Int
    var priceMinor: Int
    var currency: String
    var requiresPayment: Bool
    var requiresConfirmation: Bool
    var paymentWindowMinutes: Int
    var online: Bool
    var meetingLinkSource: String
    var meetingText: String
    var onlineInstructions: String
    var reminderOffsets: String
    var minimumNoticeMinutes: Int
    var maximumAdvanceDays: Int
    var changePolicy: String
    var practitionerIds: String
    var active: Bool
    var createdAt: Int64
    var updatedAt: Int64

    init(_ service: Service, createdAt: Date, updatedAt: Date) {
        id = service.id
        workspaceId = service.workspaceId
        name = service.name
        description = service.description
        durationMinutes = service.durationMinutes
        bufferBeforeMinutes = service.bufferBeforeMinutes
        bufferAfterMinutes = service.bufferAfterMinutes
        slotIntervalMinutes = service.slotIntervalMinutes
        capacity = service.capacity
        priceMinor = service.priceMinor
        currency = service.currency
        requiresPayment = service.requiresPayment
        requiresConfirmation = service.requiresConfirmation
        paymentWindowMinutes = service.paymentWindowMinutes
        online = service.online
        meetingLinkSource = service.meetingLinkSource.rawValue
        meetingText = service.meetingText
        onlineInstructions = service.onlineInstructions
        reminderOffsets = Row.json(service.reminderOffsetsMinutes)
        minimumNoticeMinutes = service.minimumNoticeMinutes
        maximumAdvanceDays = service.maximumAdvanceDays
        changePolicy = service.changePolicy.rawValue
        practitionerIds = Row.json(service.practitionerIds)
        active = service.active
        self.createdAt = createdAt.unixSeconds
        self.updatedAt = updatedAt.unixSeconds
    }

    func model() throws -> Service {
        Service(id: id, workspaceId: workspaceId, name: name, description: description,
                durationMinutes: durationMinutes, bufferBeforeMinutes: bufferBeforeMinutes,
                bufferAfterMinutes: bufferAfterMinutes, slotIntervalMinutes: slotIntervalMinutes,
                capacity: capacity, priceMinor: priceMinor, currency: currency,
                requiresPayment: requiresPayment, requiresConfirmation: requiresConfirmation,
                paymentWindowMinutes: paymentWindowMinutes, online: online,
                meetingLinkSource: MeetingLinkSource(rawValue: meetingLinkSource) ?? .none,
                meetingText: meetingText, onlineInstructions: onlineInstructions,
                reminderOffsetsMinutes: try Row.decodeJSON([Int].self, reminderOffsets),
                minimumNoticeMinutes: minimumNoticeMinutes, maximumAdvanceDays: maximumAdvanceDays,
                changePolicy: ChangePolicy(rawValue: changePolicy) ?? .approval,
                practitionerIds: try Row.decodeJSON([String].self, practitionerIds), active: active)
    }
}
