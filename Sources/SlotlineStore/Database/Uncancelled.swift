/// Runs `body` in a fresh task that does not inherit the caller's cancellation: for clean-up that
/// must reach the database even when the caller was cancelled, as the drivers refuse to start a
/// query in a cancelled task.
func uncancelled<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await Task { try await body() }.value
}
