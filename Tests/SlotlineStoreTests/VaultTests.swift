import Foundation
import SlotlineStore
import Testing

@Suite struct VaultTests {
    let key = Data(repeating: 7, count: 32)

    @Test func sealedTextOpensAgainAndHidesThePlaintext() throws {
        let vault = Vault(key: key)
        let sealed = try vault.seal("whsec_secret-value")

        #expect(sealed.hasPrefix("v1."))
        #expect(!sealed.contains("secret-value"))
        #expect(try vault.open(sealed) == "whsec_secret-value")
        #expect(try vault.seal("same") != vault.seal("same"))
    }

    @Test func anOldKeyVersionStillOpensAfterANewKeyIsAdded() throws {
        let old = try Vault(key: key).seal("token")
        let rotated = Vault(keys: [1: key, 2: Data(repeating: 9, count: 32)], current: 2)

        #expect(try rotated.open(old) == "token")
        #expect(try rotated.seal("token").hasPrefix("v2."))
    }

    @Test func tamperedOrForeignTextIsRefused() throws {
        let sealed = try Vault(key: key).seal("token")
        var bytes = Array(sealed.utf8)
        bytes[bytes.count - 3] = bytes[bytes.count - 3] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")

        #expect(throws: Vault.Failure.unreadable) { try Vault(key: key).open(String(decoding: bytes, as: UTF8.self)) }
        #expect(throws: Vault.Failure.unreadable) { try Vault(key: Data(repeating: 1, count: 32)).open(sealed) }
        #expect(throws: Vault.Failure.unknownKeyVersion(5)) { try Vault(key: key).open("v5.AAAA") }
        #expect(throws: Vault.Failure.unreadable) { try Vault(key: key).open("plain") }
    }
}
