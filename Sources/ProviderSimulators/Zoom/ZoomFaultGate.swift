import Foundation
import Hummingbird

/// Runs one operation through whatever fault is waiting for it.
struct ZoomFaultGate: Sendable {
    let state: ZoomSimulatorState

    /// - Parameter accessToken: the bearer token the request presents, for the token faults.
    func run(
        _ operation: ZoomSimulatorOperation,
        context: ZoomRequestContext,
        accessToken: String? = nil,
        _ body: () async throws -> Response
    ) async throws -> Response {
        guard let fault = await state.takeFault(for: operation) else { return try await body() }
        switch fault {
        case .rateLimited(let retryAfter):
            throw ZoomSimulatorError.rateLimited(Self.tooMany, retryAfter: retryAfter.map(String.init), type: retryAfter == nil ? nil : "QPS")
        case .rateLimitedUntil(let date):
            throw ZoomSimulatorError.rateLimited(Self.tooMany, retryAfter: Self.httpDate(date), type: "QPS")
        case .serverError:
            throw ZoomSimulatorError.serverError
        case .slowAnswer(let delay):
            await pause(delay)
            return try await body()
        case .answerLost(let after):
            _ = try? await body()
            await pause(after)
            try? await context.channel.close().get()
            throw ZoomAnswerDropped()
        case .expiredAccessToken:
            if let accessToken { await state.expireAccessToken(accessToken) }
            return try await body()
        case .revokedGrant:
            if let accessToken { await state.revokeGrant(ofToken: accessToken) }
            return try await body()
        }
    }

    private static let tooMany = "Too many requests. Please try again later."

    /// IMF-fixdate, as in `Retry-After: Wed, 02 Jan 2030 10:00:00 GMT`.
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    /// Sleeps in real time, cut short when the simulator stops so shutdown never waits on a slow answer.
    private func pause(_ delay: Duration) async {
        let deadline = ContinuousClock.now + delay
        while ContinuousClock.now < deadline, !(await state.isStopping) {
            try? await Task.sleep(for: min(.milliseconds(20), deadline - ContinuousClock.now))
        }
    }
}
