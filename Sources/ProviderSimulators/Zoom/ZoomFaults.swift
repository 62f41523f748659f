import Foundation

/// Something the simulated Zoom does wrong on purpose, in place of or around one request.
public enum ZoomSimulatorFault: Sendable, Hashable {
    /// 429 `{"code":429,…}` before doing anything; `Retry-After: <seconds>` when given, no header when nil.
    case rateLimited(retryAfterSeconds: Int?)
    /// 429 with `Retry-After` as an HTTP date, the header's other form.
    case rateLimitedUntil(Date)
    /// 500 `{"code":500,…}` before doing anything.
    case serverError
    /// Waits `delay` (real time), then handles the request as usual: a client with a shorter timeout gives up
    /// while the operation still happens afterwards, as with a real slow server.
    case slowAnswer(delay: Duration)
    /// Performs the operation, waits `after`, then closes the connection without answering.
    case answerLost(after: Duration = .zero)
    /// Expires the access token the request presents, so this and later calls with it get 401 code 124.
    case expiredAccessToken
    /// Revokes the grant of the access token the request presents: 401 code 124 now, `invalid_grant` on refresh.
    case revokedGrant
}

/// The endpoints faults can be aimed at.
public enum ZoomSimulatorOperation: String, Sendable, Hashable, CaseIterable {
    case authorize, token, revoke
    case getUser, createMeeting, getMeeting, listMeetings, updateMeeting, deleteMeeting, updateMeetingStatus

    public static let all = Set(allCases)
    public static let meetingWrites: Set<ZoomSimulatorOperation> = [.createMeeting, .updateMeeting, .deleteMeeting, .updateMeetingStatus]
}

/// Injected faults waiting for requests, consumed first-in first-out.
struct ZoomFaultQueue {
    private struct Rule {
        let fault: ZoomSimulatorFault
        let operations: Set<ZoomSimulatorOperation>
        var remaining: Int
    }

    private var rules: [Rule] = []

    mutating func add(_ fault: ZoomSimulatorFault, on operations: Set<ZoomSimulatorOperation>, times: Int) {
        guard times > 0, !operations.isEmpty else { return }
        rules.append(Rule(fault: fault, operations: operations, remaining: times))
    }

    /// The fault for the next request to `operation`, if one is waiting for it.
    mutating func take(for operation: ZoomSimulatorOperation) -> ZoomSimulatorFault? {
        guard let index = rules.firstIndex(where: { $0.operations.contains(operation) }) else { return nil }
        let fault = rules[index].fault
        rules[index].remaining -= 1
        if rules[index].remaining == 0 { rules.remove(at: index) }
        return fault
    }

    mutating func removeAll() { rules.removeAll() }
}
