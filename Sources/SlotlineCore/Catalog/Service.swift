/// Where an online booking's meeting link comes from (SPEC §2).
public enum MeetingLinkSource: String, Sendable, Codable, CaseIterable {
    /// The practitioner's static meeting text, shared by all their bookings.
    case practitioner
    /// The service's static meeting text, shared by every booking of the service.
    case service
    /// A unique meeting on the practitioner's default provider account.
    case provider
    /// A unique meeting on a free line of the workspace pool.
    case pool
    case none
}

/// How customer requests to reschedule or cancel are decided.
public enum ChangePolicy: String, Sendable, Codable, CaseIterable {
    /// Staff approve or reject each request.
    case approval
    /// Requests inside the rules are applied at once.
    case automatic
}

/// What customers book.
public struct Service: Sendable, Equatable {
    public var id: String
    public var workspaceId: String
    public var name: String
    public var description: String
    public var durationMinutes: Int
    public var bufferBeforeMinutes: Int
    public var bufferAfterMinutes: Int
    /// Minutes between offered start times; defaults to the duration.
    public var slotIntervalMinutes: Int
    /// 1 = one-to-one; more = a group session with that many seats.
    public var capacity: Int
    /// Price in the currency's minor unit (cents).
    public var priceMinor: Int
    public var currency: String
    public var requiresPayment: Bool
    public var requiresConfirmation: Bool
    /// How long an unpaid booking holds its slot.
    public var paymentWindowMinutes: Int
    public var online: Bool
    public var meetingLinkSource: MeetingLinkSource
    /// Private static meeting text used when the link source is `service`.
    public var meetingText: String
    /// Public instructions shown before the booking is confirmed and paid.
    public var onlineInstructions: String
    public var reminderOffsetsMinutes: [Int]
    public var minimumNoticeMinutes: Int
    public var maximumAdvanceDays: Int
    public var changePolicy: ChangePolicy
    public var practitionerIds: [String]
    public var active: Bool

    /// Whether each booking takes a line of the workspace pool for its meeting.
    public var takesPoolLine: Bool { online && meetingLinkSource == .pool }

    public init(id: String, workspaceId: String, name: String, description: String = "",
                durationMinutes: Int, bufferBeforeMinutes: Int = 0, bufferAfterMinutes: Int = 0,
                slotIntervalMinutes: Int? = nil, capacity: Int = 1, priceMinor: Int = 0, currency: String = "USD",
                requiresPayment: Bool = false, requiresConfirmation: Bool = false, paymentWindowMinutes: Int = 30,
                online: Bool = true, meetingLinkSource: MeetingLinkSource = .practitioner, meetingText: String = "",
                onlineInstructions: String = "", reminderOffsetsMinutes: [Int] = [1440, 60],
                minimumNoticeMinutes: Int = 0, maximumAdvanceDays: Int = 90,
                changePolicy: ChangePolicy = .approval, practitionerIds: [String] = [], active: Bool = true) {
        self.id = id
        self.workspaceId = workspaceId
        self.name = name
        self.description = description
        self.durationMinutes = durationMinutes
        self.bufferBeforeMinutes = bufferBeforeMinutes
        self.bufferAfterMinutes = bufferAfterMinutes
        self.slotIntervalMinutes = slotIntervalMinutes ?? durationMinutes
        self.capacity = capacity
        self.priceMinor = priceMinor
        self.currency = currency
        self.requiresPayment = requiresPayment
        self.requiresConfirmation = requiresConfirmation
        self.paymentWindowMinutes = paymentWindowMinutes
        self.online = online
        self.meetingLinkSource = meetingLinkSource
        self.meetingText = meetingText
        self.onlineInstructions = onlineInstructions
        self.reminderOffsetsMinutes = reminderOffsetsMinutes
        self.minimumNoticeMinutes = minimumNoticeMinutes
        self.maximumAdvanceDays = maximumAdvanceDays
        self.changePolicy = changePolicy
        self.practitionerIds = practitionerIds
        self.active = active
    }

    public var isGroup: Bool { capacity > 1 }

    /// The rules a slot must satisfy, derived from this service.
    public var slotRules: SlotRules {
        SlotRules(durationMinutes: durationMinutes, bufferBeforeMinutes: bufferBeforeMinutes,
                  bufferAfterMinutes: bufferAfterMinutes, slotIntervalMinutes: slotIntervalMinutes,
                  capacity: capacity, minimumNoticeMinutes: minimumNoticeMinutes,
                  maximumAdvanceDays: maximumAdvanceDays)
    }

    /// Checks every limit a studio owner could get wrong; the first failure names its field.
    public func validated() throws -> Service {
        func require(_ ok: Bool, _ field: String, _ detail: String) throws {
            if !ok { throw SlotlineError.invalid(field, detail) }
        }
        try require(!name.trimmingCharacters(in: .whitespaces).isEmpty && name.count <= 200, "name", "1–200 characters")
        try require((5...Self.longestDurationMinutes).contains(durationMinutes), "durationMinutes", "5–\(Self.longestDurationMinutes)")
        try require((0...480).contains(bufferBeforeMinutes), "bufferBeforeMinutes", "0–480")
        try require((0...480).contains(bufferAfterMinutes), "bufferAfterMinutes", "0–480")
        try require((5...1440).contains(slotIntervalMinutes), "slotIntervalMinutes", "5–1440")
        try require((1...10_000).contains(capacity), "capacity", "1–10000")
        try require(priceMinor >= 0, "priceMinor", "≥ 0")
        try require(currency.count == 3 && currency.allSatisfy(\.isLetter), "currency", "ISO 4217 code")
        try require(!requiresPayment || priceMinor > 0, "priceMinor", "a paid service needs a price")
        try require((5...10_080).contains(paymentWindowMinutes), "paymentWindowMinutes", "5–10080")
        try require(reminderOffsetsMinutes.count <= 10 && reminderOffsetsMinutes.allSatisfy { (1...43_200).contains($0) },
                    "reminderOffsetsMinutes", "up to 10 values, 1–43200")
        try require((0...43_200).contains(minimumNoticeMinutes), "minimumNoticeMinutes", "0–43200")
        try require((1...730).contains(maximumAdvanceDays), "maximumAdvanceDays", "1–730")
        try require(online || meetingLinkSource == .none, "meetingLinkSource", "in-person services have no meeting link")
        // Each booking of a pool service takes a line of its own; a group's seats would take one each.
        try require(meetingLinkSource != .pool || capacity == 1, "meetingLinkSource", "meetings from the pool are for one-to-one services")
        try require(description.count <= 10_000, "description", "at most 10000 characters")
        try require(meetingText.count <= 2_000, "meetingText", "at most 2000 characters")
        try require(onlineInstructions.count <= 2_000, "onlineInstructions", "at most 2000 characters")
        return self
    }
}

import Foundation

extension Service {
    /// No booking lasts longer: a booking that has not ended started at most this long ago.
    public static let longestDurationMinutes = 1440

    /// `TWD 2500.00`; empty for a free service. The same in every language, as the payment
    /// instructions quote it.
    public var priceText: String {
        guard priceMinor > 0 else { return "" }
        let cents = priceMinor % 100
        return "\(currency) \(priceMinor / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
