import Foundation
import SlotlineCore

/// The 32-byte key for the token vault and signatures: from SLOTLINE_SECRET_KEY, else from a
/// key file in the data directory, created on first run readable by its owner only.
public enum SecretKey {
    public static let fileName = "secret.key"

    public static func load(_ configuration: Configuration) throws -> Data {
        if let text = configuration.secretKey {
            guard let key = Data(base64Encoded: text), key.count == 32 else {
                throw SlotlineError.invalid("SLOTLINE_SECRET_KEY", "base64 of 32 bytes")
            }
            return key
        }
        let path = URL(fileURLWithPath: configuration.dataDirectory).appendingPathComponent(fileName).path
        if let text = FileManager.default.contents(atPath: path) {
            guard let key = Data(base64Encoded: String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
                  key.count == 32 else {
                throw SlotlineError.invalid(path, "base64 of 32 bytes")
            }
            return key
        }
        try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        let key = Data((0..<32).map { _ in UInt8.random(in: .min ... .max) })
        guard FileManager.default.createFile(atPath: path, contents: Data((key.base64EncodedString() + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw SlotlineError.invalid(path, "cannot write the key file")
        }
        return key
    }
}
