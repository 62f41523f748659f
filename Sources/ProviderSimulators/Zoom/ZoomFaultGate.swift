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
            throw ZoomSimulatorError.rateLimited("Too many requests. Please try again later.", retryAfterSeconds: retryAfter, type: retryAfter == nil ? nil : "QPS")
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

    /// Sleeps in real time, cut short when the simulator stops so shutdown never waits on a slow answer.
    private func pause(_ delay: Duration) async {
        let deadline = ContinuousClock.now + delay
        while ContinuousClock.now < deadline, !(await state.isStopping) {
            try? await Task.sleep(for: min(.milliseconds(20), deadline - ContinuousClock.now))
        }
    }
}
