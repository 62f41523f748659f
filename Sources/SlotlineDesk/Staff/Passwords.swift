import HummingbirdBcrypt
import NIOCore
import NIOPosix
import SlotlineCore
import SlotlineStore

/// bcrypt, run off the event loop on threads of its own: it is deliberately slow, and a flood of
/// sign-ins must queue here rather than in front of the database work that shares
/// `NIOThreadPool.singleton` (every SQLite statement runs there).
public enum Passwords {
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(1, System.coreCount / 2))
        pool.start()
        return pool
    }()

    public static let minimumLength = 8
    /// Checked against when no such user exists; matches no password anyone can type (cost 10, like real hashes).
    public static let unknownUserHash = Bcrypt.hash(Secrets.token(prefix: "nobody"), cost: 10)

    public static func hash(_ password: String) async throws -> String {
        guard password.count >= minimumLength, password.count <= 72 else {
            throw SlotlineError.invalid("password", "\(minimumLength)–72 characters")
        }
        return try await pool.runIfActive { Bcrypt.hash(password, cost: 10) }
    }

    public static func verify(_ password: String, hash: String) async -> Bool {
        (try? await pool.runIfActive { Bcrypt.verify(password, hash: hash) }) ?? false
    }
}
