import Foundation
import Synchronization

/// Where "now" comes from. Production reads the system clock; tests move time forward by hand
/// (to let a payment window close) without sleeping.
public final class TimeSource: Sendable {
    private let offset = Mutex<TimeInterval>(0)
    private let fixed: Date?

    public init(fixed: Date? = nil) { self.fixed = fixed }

    public static let system = TimeSource()

    public func now() -> Date {
        let base = fixed ?? Date()
        return base.addingTimeInterval(offset.withLock { $0 })
    }

    /// Moves this source's time forward (tests only).
    public func advance(by seconds: TimeInterval) {
        offset.withLock { $0 += seconds }
    }
}

extension Date {
    /// Whole Unix seconds: how times are stored.
    public var unixSeconds: Int64 { Int64(floor(timeIntervalSince1970)) }

    public init(unixSeconds: Int64) { self.init(timeIntervalSince1970: TimeInterval(unixSeconds)) }
}
