import SlotlineNotify
import Testing

/// Which addresses a webhook may reach when private addresses are refused, read as text, as bytes
/// and as the resolver returns them.
@Suite struct WebhookAddressTests {
    static let publicAddresses = [
        "8.8.8.8", "1.1.1.1", "93.184.216.34", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
        "126.255.255.255", "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0",
        "192.0.1.0", "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255",
        "2606:4700::1111", "2001:4860:4860::8888", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808",
        "fbff:ffff::1", "fe7f::1",
    ]

    /// Each range at its first and last address, and one inside.
    static let privateAddresses = [
        "0.0.0.0", "0.1.2.3", "0.255.255.255",
        "10.0.0.0", "10.1.2.3", "10.255.255.255",
        "100.64.0.0", "100.100.100.100", "100.127.255.255",
        "127.0.0.0", "127.0.0.1", "127.255.255.255",
        "169.254.0.0", "169.254.169.254", "169.254.255.255",
        "172.16.0.0", "172.20.1.1", "172.31.255.255",
        "192.0.0.0", "192.0.0.170", "192.0.0.255",
        "192.168.0.0", "192.168.1.1", "192.168.255.255",
        "198.18.0.0", "198.19.255.255",
        "224.0.0.0", "239.255.255.250", "239.255.255.255",
        "240.0.0.0", "250.1.2.3", "255.255.255.255",
        "::", "::1", "0:0:0:0:0:0:0:1",
        "fc00::", "fd12:3456:789a::1", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "fe80::", "fe80::1", "febf:ffff::1",
        "fec0::", "feff::1",
        "ff00::", "ff02::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    ]

    /// IPv6 forms that lead to an IPv4 address, judged by it.
    static let privateThroughIPv4 = [
        "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:192.168.0.1", "::ffff:0.0.0.0",
        "64:ff9b::127.0.0.1", "64:ff9b::a00:1", "64:ff9b::169.254.169.254", "64:ff9b::ac10:1",
        "::127.0.0.1", "::10.0.0.1", "64:ff9b:1::808:808",
    ]

    /// How a URL host may write a private address and still reach it.
    static let privateSpellings = [
        "[::1]", "[::ffff:127.0.0.1]", "fe80::1%eth0", "[fe80::1%25eth0]", "127.1", "2130706433", "0x7f000001", "0177.0.0.1", "10.1",
        "FE80::1", "::FFFF:7F00:1",
    ]

    @Test(arguments: publicAddresses)
    func publicAddressesMayBeReached(_ text: String) throws {
        let address = try #require(IPAddress(text))

        #expect(!PrivateAddresses.contains(address))
        #expect(!PrivateAddresses.contains(host: text))
    }

    @Test(arguments: privateAddresses + privateThroughIPv4)
    func privateAndSpecialAddressesAreRefused(_ text: String) throws {
        let address = try #require(IPAddress(text))

        #expect(PrivateAddresses.contains(address))
        #expect(PrivateAddresses.contains(host: text))
    }

    @Test(arguments: privateSpellings)
    func otherSpellingsOfAPrivateAddressAreRefused(_ host: String) {
        #expect(PrivateAddresses.contains(host: host))
    }

    @Test func addressesAreJudgedAsBytesToo() throws {
        #expect(PrivateAddresses.contains(try #require(IPAddress(bytes: [127, 0, 0, 1]))))
        #expect(PrivateAddresses.contains(try #require(IPAddress(bytes: [172, 31, 255, 255]))))
        #expect(!PrivateAddresses.contains(try #require(IPAddress(bytes: [172, 32, 0, 0]))))
        #expect(PrivateAddresses.contains(try #require(IPAddress(bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 192, 168, 0, 1]))))
        #expect(!PrivateAddresses.contains(try #require(IPAddress(bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 8, 8, 8, 8]))))
        #expect(IPAddress(bytes: [127, 0, 0]) == nil)
        #expect(IPAddress(bytes: [127, 0, 0, 1])?.description == "127.0.0.1")
        #expect(IPAddress("::ffff:127.0.0.1")?.description == "::ffff:127.0.0.1")
        #expect(IPAddress("127.1") == IPAddress("127.0.0.1"))
    }

    @Test(arguments: ["localhost", "LOCALHOST", "localhost.", "api.localhost", "a.b.localhost"])
    func namesOfThisMachineAreRefused(_ host: String) {
        #expect(PrivateAddresses.contains(host: host))
    }

    @Test(arguments: ["hooks.example.com", "localhost.example.com", "mylocalhost", "bad.cafe", "10.example", "0x7f.example"])
    func otherNamesAreLeftToTheLookup(_ host: String) {
        #expect(IPAddress(host) == nil)
        #expect(!PrivateAddresses.contains(host: host))
    }

    @Test func theResolverReadsAddressesAndTheHostsFile() async throws {
        let loopback = try await HostResolver.addresses(of: "localhost")
        let literal = try await HostResolver.addresses(of: "[2606:4700::1111]")
        let short = try await HostResolver.addresses(of: "127.1")

        #expect(!loopback.isEmpty)
        #expect(loopback.allSatisfy(PrivateAddresses.contains))
        #expect(loopback.contains(IPAddress("127.0.0.1")!) || loopback.contains(IPAddress("::1")!))
        #expect(literal == [IPAddress("2606:4700::1111")!])
        #expect(short == [IPAddress("127.0.0.1")!])
    }
}
