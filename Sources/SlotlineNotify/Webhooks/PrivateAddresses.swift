/// Addresses an outgoing webhook must not reach unless the operator allows it
/// (`SLOTLINE_WEBHOOK_PRIVATE_ADDRESSES`): this machine, private and carrier-grade NAT networks,
/// link-local (where cloud metadata lives), multicast and reserved ranges. IPv6 forms that carry an
/// IPv4 address (mapped, NAT64, compatible) are judged by that address.
public enum PrivateAddresses {
    /// An address and the number of leading bits that make the network.
    struct Network: Sendable {
        let prefix: [UInt8]
        let length: Int

        init(_ address: String, _ length: Int) {
            prefix = IPAddress(address)!.bytes
            self.length = length
        }

        func contains(_ address: IPAddress) -> Bool {
            guard address.bytes.count == prefix.count else { return false }
            let whole = length / 8
            guard address.bytes.prefix(whole) == prefix.prefix(whole) else { return false }
            let bits = length % 8
            guard bits > 0 else { return true }
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            return address.bytes[whole] & mask == prefix[whole] & mask
        }
    }

    static let ipv4: [Network] = [
        Network("0.0.0.0", 8),  // "this network"
        Network("10.0.0.0", 8),  // private
        Network("100.64.0.0", 10),  // carrier-grade NAT
        Network("127.0.0.0", 8),  // loopback
        Network("169.254.0.0", 16),  // link-local, cloud metadata
        Network("172.16.0.0", 12),  // private
        Network("192.0.0.0", 24),  // IETF protocol assignments
        Network("192.168.0.0", 16),  // private
        Network("198.18.0.0", 15),  // benchmarking
        Network("224.0.0.0", 4),  // multicast
        Network("240.0.0.0", 4),  // reserved, and the broadcast address
    ]

    static let ipv6: [Network] = [
        Network("::", 128),  // unspecified
        Network("::1", 128),  // loopback
        Network("64:ff9b:1::", 48),  // local-use NAT64: leads wherever the local translator sends it
        Network("fc00::", 7),  // unique local
        Network("fe80::", 10),  // link-local
        Network("fec0::", 10),  // site-local, deprecated but still routed locally by some systems
        Network("ff00::", 8),  // multicast
    ]

    /// IPv6 networks whose last 32 bits are the IPv4 address the packet ends up at.
    static let carryingIPv4: [Network] = [
        Network("::ffff:0:0", 96),  // IPv4-mapped
        Network("64:ff9b::", 96),  // NAT64
        Network("::", 96),  // IPv4-compatible, deprecated
    ]

    public static func contains(_ address: IPAddress) -> Bool {
        if address.isIPv4 { return ipv4.contains { $0.contains(address) } }
        if ipv6.contains(where: { $0.contains(address) }) { return true }
        if carryingIPv4.contains(where: { $0.contains(address) }) { return contains(address.embeddedIPv4) }
        return false
    }

    /// A URL host that names this machine (`localhost`, `*.localhost`) or is an address in these
    /// ranges. Other names are not looked up here: that happens on each delivery.
    public static func contains(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        if name == "localhost" || name.hasSuffix(".localhost") { return true }
        return IPAddress(name).map(contains) ?? false
    }
}
