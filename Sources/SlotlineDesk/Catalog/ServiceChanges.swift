import SlotlineCore

/// What staff set on a service. Every field is optional, so one type serves create (defaults filled
/// in) and update (a field left out stays as it is).
public struct ServiceChanges: Sendable, Decodable {
    public var name: String?
    public var description: String?
    public var durationMinutes: Int?
    public var bufferBeforeMinutes: Int?
    public var bufferAfterMinutes: Int?
    public var slotIntervalMinutes: Int?
    public var capacity: Int?
    public var priceMinor: Int?
    public var currency: String?
    public var requiresPayment: Bool?
    public var requiresConfirmation: Bool?
    public var paymentWindowMinutes: Int?
    public var online: Bool?
    public var meetingLinkSource: MeetingLinkSource?
    public var meetingText: String?
    public var onlineInstructions: String?
    public var reminderOffsetsMinutes: [Int]?
    public var minimumNoticeMinutes: Int?
    public var maximumAdvanceDays: Int?
    public var changePolicy: ChangePolicy?
    public var practitionerIds: [String]?
    public var active: Bool?

    public init() {}

    /// The service with these changes made; check the result with `Service.validated()`.
    public func applied(to service: Service) -> Service {
        var s = service
        if let name { s.name = name }
        if let description { s.description = description }
        if let durationMinutes {
            if s.slotIntervalMinutes == s.durationMinutes && slotIntervalMinutes == nil { s.slotIntervalMinutes = durationMinutes }
            s.durationMinutes = durationMinutes
        }
        if let bufferBeforeMinutes { s.bufferBeforeMinutes = bufferBeforeMinutes }
        if let bufferAfterMinutes { s.bufferAfterMinutes = bufferAfterMinutes }
        if let slotIntervalMinutes { s.slotIntervalMinutes = slotIntervalMinutes }
        if let capacity { s.capacity = capacity }
        if let priceMinor { s.priceMinor = priceMinor }
        if let currency { s.currency = currency.uppercased() }
        if let requiresPayment { s.requiresPayment = requiresPayment }
        if let requiresConfirmation { s.requiresConfirmation = requiresConfirmation }
        if let paymentWindowMinutes { s.paymentWindowMinutes = paymentWindowMinutes }
        if let online {
            s.online = online
            if !online && meetingLinkSource == nil { s.meetingLinkSource = .none }
        }
        if let meetingLinkSource { s.meetingLinkSource = meetingLinkSource }
        if let meetingText { s.meetingText = meetingText }
        if let onlineInstructions { s.onlineInstructions = onlineInstructions }
        if let reminderOffsetsMinutes { s.reminderOffsetsMinutes = reminderOffsetsMinutes }
        if let minimumNoticeMinutes { s.minimumNoticeMinutes = minimumNoticeMinutes }
        if let maximumAdvanceDays { s.maximumAdvanceDays = maximumAdvanceDays }
        if let changePolicy { s.changePolicy = changePolicy }
        if let practitionerIds { s.practitionerIds = practitionerIds }
        if let active { s.active = active }
        return s
    }
}
