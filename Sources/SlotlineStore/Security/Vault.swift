import Crypto
import Foundation
import SlotlineCore

/// Seals secrets kept in the database (webhook signing secrets, OAuth tokens) with AES-GCM under
/// the server key. The stored text names the key version, so a new key can be added later and
/// old values still open.
public struct Vault: Sendable {
    private let keys: [Int: SymmetricKey]
    private let current: Int

    public enum Failure: Error, Equatable {
        case unknownKeyVersion(Int)
        case unreadable
    }

    /// `keys` by version; new values are sealed with `current`.
    public init(keys: [Int: Data], current: Int) {
        precondition(keys[current] != nil, "the current key version must be among the keys")
        self.keys = keys.mapValues { SymmetricKey(data: $0) }
        self.current = current
    }

    public init(key: Data) {
        self.init(keys: [1: key], current: 1)
    }

    /// `v<version>.<base64 of nonce, ciphertext and tag>`.
    public func seal(_ plaintext: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: keys[current]!)
        return "v\(current)." + box.combined!.base64EncodedString()
    }

    public func open(_ sealed: String) throws -> String {
        let parts = sealed.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, parts[0].first == "v", let version = Int(parts[0].dropFirst()) else { throw Failure.unreadable }
        guard let key = keys[version] else { throw Failure.unknownKeyVersion(version) }
        guard let data = Data(base64Encoded: String(parts[1])),
              let box = try? AES.GCM.SealedBox(combined: data),
              let plaintext = try? AES.GCM.open(box, using: key) else { throw Failure.unreadable }
        return String(decoding: plaintext, as: UTF8.self)
    }
}
