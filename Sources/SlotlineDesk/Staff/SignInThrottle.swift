import Foundation
import SlotlineCore

/// Limits failed sign-ins per account and per address, so passwords cannot be guessed at speed:
/// after `perAccount` failures for one email, or `perAddress` from one address, within `window`,
/// further attempts are refused with `too_many_attempts` until the oldest failure ages out.
/// Kept in memory: each replica counts on its own, which still bounds a guesser to a few per minute.
public actor SignInThrottle {
    public let perAccount: Int
    public let perAddress: Int
    public let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    public init(perAccount: Int = 5, perAddress: Int = 20, window: TimeInterval = 15 * 60) {
        self.perAccount = perAccount
        self.perAddress = perAddress
        self.window = window
    }

    /// Throws `too_many_attempts`, its detail the seconds to wait, when either limit is reached.
    public func check(account: String, address: String?, now: Date) throws {
        let waits = [wait(key: "account:" + account.lowercased(), limit: perAccount, now: now),
                     address.flatMap { wait(key: "address:" + $0, limit: perAddress, now: now) }].compactMap { $0 }
        if let longest = waits.max() { throw SlotlineError(.tooManyAttempts, field: "email", detail: String(longest)) }
    }

    public func failed(account: String, address: String?, now: Date) {
        for key in ["account:" + account.lowercased()] + (address.map { ["address:" + $0] } ?? []) {
            failures[key, default: []].append(now)
        }
    }

    /// A right password forgets the account's failures (not the address's: one account known
    /// does not open the others).
    public func succeeded(account: String) {
        failures["account:" + account.lowercased()] = nil
    }

    private func wait(key: String, limit: Int, now: Date) -> Int? {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = recent.isEmpty ? nil : recent
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up)))
    }
}
