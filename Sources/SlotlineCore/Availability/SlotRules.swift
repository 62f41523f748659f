import Foundation

/// The limits a bookable start time must respect, taken from a service.
public struct SlotRules: Sendable, Equatable {
    public var durationMinutes: Int
    public var bufferBeforeMinutes: Int
    public var bufferAfterMinutes: Int
    public var slotIntervalMinutes: Int
    public var capacity: Int
    public var minimumNoticeMinutes: Int
    public var maximumAdvanceDays: Int

    public init(durationMinutes: Int, bufferBeforeMinutes: Int = 0, bufferAfterMinutes: Int = 0,
                slotIntervalMinutes: Int? = nil, capacity: Int = 1, minimumNoticeMinutes: Int = 0,
                maximumAdvanceDays: Int = 90) {
        self.durationMinutes = durationMinutes
        self.bufferBeforeMinutes = bufferBeforeMinutes
        self.bufferAfterMinutes = bufferAfterMinutes
        self.slotIntervalMinutes = slotIntervalMinutes ?? durationMinutes
        self.capacity = capacity
        self.minimumNoticeMinutes = minimumNoticeMinutes
        self.maximumAdvanceDays = maximumAdvanceDays
    }
}

/// Time an existing booking takes from a practitioner: its meeting and its buffers.
public struct BusyBlock: Sendable, Equatable {
    public var start: Date
    public var end: Date
    public var bufferBeforeMinutes: Int
    public var bufferAfterMinutes: Int
    /// Seats of a group session share a start: another seat of the same service and start joins it.
    public var serviceId: String?
    public var seats: Int

    public init(start: Date, end: Date, bufferBeforeMinutes: Int = 0, bufferAfterMinutes: Int = 0,
                serviceId: String? = nil, seats: Int = 1) {
        self.start = start
        self.end = end
        self.bufferBeforeMinutes = bufferBeforeMinutes
        self.bufferAfterMinutes = bufferAfterMinutes
        self.serviceId = serviceId
        self.seats = seats
    }

    var blockStart: Date { start.addingTimeInterval(-Double(bufferBeforeMinutes) * 60) }
    var blockEnd: Date { end.addingTimeInterval(Double(bufferAfterMinutes) * 60) }
}

/// A start time a customer can book, with the seats it still has.
public struct Slot: Sendable, Equatable {
    public var start: Date
    public var end: Date
    public var seatsLeft: Int

    public init(start: Date, end: Date, seatsLeft: Int) {
        self.start = start
        self.end = end
        self.seatsLeft = seatsLeft
    }
}
