import Foundation
import SlotlineCore

/// A service's row: the service, and when it was made and last changed.
struct ServiceRecord: TableRecord {
    static let table = "services"

    enum Columns {
        static let id = "id"
        static let workspaceId = "workspace_id"
        static let name = "name"
        static let description = "description"
        static let durationMinutes = "duration_minutes"
        static let bufferBeforeMinutes = "buffer_before_minutes"
        static let bufferAfterMinutes = "buffer_after_minutes"
        static let slotIntervalMinutes = "slot_interval_minutes"
        static let capacity = "capacity"
        static let priceMinor = "price_minor"
        static let currency = "currency"
        static let requiresPayment = "requires_payment"
        static let requiresConfirmation = "requires_confirmation"
        static let paymentWindowMinutes = "payment_window_minutes"
        static let online = "online"
        static let meetingLinkSource = "meeting_link_source"
        static let meetingText = "meeting_text"
        static let onlineInstructions = "online_instructions"
        static let reminderOffsets = "reminder_offsets"
        static let minimumNoticeMinutes = "minimum_notice_minutes"
        static let maximumAdvanceDays = "maximum_advance_days"
        static let changePolicy = "change_policy"
        static let practitionerIds = "practitioner_ids"
        static let active = "active"
        static let createdAt = "created_at"
        static let updatedAt = "updated_at"
    }

    var service: Service
    var createdAt: Date
    var updatedAt: Date

    static let fields: [Field<ServiceRecord>] = [
        .value(Columns.id, \.service.id),
        .value(Columns.workspaceId, \.service.workspaceId),
        .value(Columns.name, \.service.name),
        .value(Columns.description, \.service.description),
        .value(Columns.durationMinutes, \.service.durationMinutes),
        .value(Columns.bufferBeforeMinutes, \.service.bufferBeforeMinutes),
        .value(Columns.bufferAfterMinutes, \.service.bufferAfterMinutes),
        .value(Columns.slotIntervalMinutes, \.service.slotIntervalMinutes),
        .value(Columns.capacity, \.service.capacity),
        .value(Columns.priceMinor, \.service.priceMinor),
        .value(Columns.currency, \.service.currency),
        .value(Columns.requiresPayment, \.service.requiresPayment),
        .value(Columns.requiresConfirmation, \.service.requiresConfirmation),
        .value(Columns.paymentWindowMinutes, \.service.paymentWindowMinutes),
        .value(Columns.online, \.service.online),
        .raw(Columns.meetingLinkSource, \.service.meetingLinkSource, unknown: .none),
        .value(Columns.meetingText, \.service.meetingText),
        .value(Columns.onlineInstructions, \.service.onlineInstructions),
        .json(Columns.reminderOffsets, \.service.reminderOffsetsMinutes),
        .value(Columns.minimumNoticeMinutes, \.service.minimumNoticeMinutes),
        .value(Columns.maximumAdvanceDays, \.service.maximumAdvanceDays),
        .raw(Columns.changePolicy, \.service.changePolicy, unknown: .approval),
        .json(Columns.practitionerIds, \.service.practitionerIds),
        .value(Columns.active, \.service.active),
        .seconds(Columns.createdAt, \.createdAt),
        .seconds(Columns.updatedAt, \.updatedAt),
    ]

    static let blank = ServiceRecord(service: Service(id: "", workspaceId: "", name: "", durationMinutes: 1),
                                     createdAt: .distantPast, updatedAt: .distantPast)
}
