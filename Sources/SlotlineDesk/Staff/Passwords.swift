import HummingbirdBcrypt
import NIOPosix
import SlotlineCore
import SlotlineStore

/// bcrypt, run off the event loop: it is deliberately slow.
public enum Passwords {
    public static let minimumLength = 8
    /// Checked against when no such user exists; matches no password anyone can type (cost 10, like real hashes).
    public static let unknownUserHash = Bcrypt.hash(Secrets.token(prefix: "nobody"), cost: 10)

    public static func hash(_ password: String) async throws -> String {
        guard password.count >= minimumLength, password.count <= 72 else {
            throw SlotlineError.invalid("password", "\(minimumLength)–72 characters")
        }
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: 10) }
    }

    public static func verify(_ password: String, hash: String) async -> Bool {
        (try? await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }) ?? false
    }
}
