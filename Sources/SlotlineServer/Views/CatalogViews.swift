import Foundation
import Hummingbird
import SlotlineCore

struct PractitionerView: ResponseEncodable {
    let id: String
    let name: String
    let description: String
    let timeZone: String
    let availability: Availability
    /// Private: only for owners, admins and the practitioner themself.
    let meetingText: String?
    let active: Bool

    init(_ practitioner: Practitioner, viewer: StaffUser) {
        id = practitioner.id
        name = practitioner.name
        description = practitioner.description
        timeZone = practitioner.timeZone
        availability = practitioner.availability
        meetingText = viewer.role.canConfigure || viewer.practitionerId == practitioner.id ? practitioner.meetingText : nil
        active = practitioner.active
    }
}

struct ServiceView: ResponseEncodable {
    let id: String
    let name: String
    let description: String
    let durationMinutes: Int
    let bufferBeforeMinutes: Int
    let bufferAfterMinutes: Int
    let slotIntervalMinutes: Int
    let capacity: Int
    let priceMinor: Int
    let currency: String
    let requiresPayment: Bool
    let requiresConfirmation: Bool
    let paymentWindowMinutes: Int
    let online: Bool
    let meetingLinkSource: MeetingLinkSource
    /// Private: only for owners and admins.
    let meetingText: String?
    let onlineInstructions: String
    let reminderOffsetsMinutes: [Int]
    let minimumNoticeMinutes: Int
    let maximumAdvanceDays: Int
    let changePolicy: ChangePolicy
    let practitionerIds: [String]
    let active: Bool

    init(_ service: Service, viewer: StaffUser) {
        id = service.id
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
        meetingLinkSource = service.meetingLinkSource
        meetingText = viewer.role.canConfigure ? service.meetingText : nil
        onlineInstructions = service.onlineInstructions
        reminderOffsetsMinutes = service.reminderOffsetsMinutes
        minimumNoticeMinutes = service.minimumNoticeMinutes
        maximumAdvanceDays = service.maximumAdvanceDays
        changePolicy = service.changePolicy
        practitionerIds = service.practitionerIds
        active = service.active
    }
}

/// What customers see of a service: never its private meeting text.
struct PublicServiceView: ResponseEncodable {
    struct PractitionerSummary: Encodable {
        let id: String
        let name: String
        let description: String
    }
    let id: String
    let name: String
    let description: String
    let durationMinutes: Int
    let capacity: Int
    let priceMinor: Int
    let currency: String
    let requiresPayment: Bool
    let requiresConfirmation: Bool
    let online: Bool
    let onlineInstructions: String
    let maximumAdvanceDays: Int
    let practitioners: [PractitionerSummary]

    init(_ service: Service, practitioners: [Practitioner]) {
        id = service.id
        name = service.name
        description = service.description
        durationMinutes = service.durationMinutes
        capacity = service.capacity
        priceMinor = service.priceMinor
        currency = service.currency
        requiresPayment = service.requiresPayment
        requiresConfirmation = service.requiresConfirmation
        online = service.online
        onlineInstructions = service.onlineInstructions
        maximumAdvanceDays = service.maximumAdvanceDays
        self.practitioners = practitioners.filter { service.practitionerIds.contains($0.id) && $0.active }
            .map { PractitionerSummary(id: $0.id, name: $0.name, description: $0.description) }
    }
}

struct ListView<Item: Encodable>: ResponseEncodable {
    let items: [Item]
}
