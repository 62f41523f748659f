import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Looks up a host name's addresses with the system resolver (getaddrinfo), which reads
/// `/etc/hosts` and numeric forms exactly as the HTTP client's own lookup does.
public enum HostResolver {
    /// The lookup got no answer (the resolver timed out or failed): trying again later may work.
    public struct Failure: Error, CustomStringConvertible {
        public let host: String
        public let reason: String
        public var description: String { "\(host) could not be resolved: \(reason)" }
    }

    /// Every address of `host` (a name or an address, brackets allowed), in the resolver's order;
    /// empty when the name has no address. Runs on NIO's thread pool: getaddrinfo blocks.
    public static func addresses(of host: String) async throws -> [IPAddress] {
        try await NIOThreadPool.singleton.runIfActive { try lookUp(host) }
    }

    static func lookUp(_ host: String) throws -> [IPAddress] {
        var name = Substring(host)
        if name.hasPrefix("["), name.hasSuffix("]") { name = name.dropFirst().dropLast() }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(String(name), nil, &hints, &list)
        defer { if let list { freeaddrinfo(list) } }
        switch status {
        case 0: break
        case EAI_NONAME, noData: return []  // the name exists nowhere, or has no address
        default: throw Failure(host: host, reason: String(cString: gai_strerror(status)))
        }
        var addresses: [IPAddress] = []
        var entry = list
        while let info = entry?.pointee {
            entry = info.ai_next
            guard let socketAddress = info.ai_addr else { continue }
            let address: IPAddress?
            switch info.ai_family {
            case AF_INET:
                address = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    var raw = pointer.pointee.sin_addr
                    return IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) })
                }
            case AF_INET6:
                address = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    var raw = pointer.pointee.sin6_addr
                    return IPAddress(bytes: withUnsafeBytes(of: &raw) { Array($0) })
                }
            default:
                address = nil
            }
            if let address, !addresses.contains(address) { addresses.append(address) }
        }
        return addresses
    }

    /// glibc's EAI_NODATA (the name exists without an address) is hidden behind _GNU_SOURCE.
    #if canImport(Glibc)
    static let noData: Int32 = -5
    #else
    static let noData: Int32 = EAI_NODATA
    #endif
}
