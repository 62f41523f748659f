import Foundation
import Hummingbird
import SlotlineCore

/// Per-request state: the signed-in staff member and their workspace, if any, and where the request came from.
public struct SlotlineContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var staff: StaffUser?
    /// Set on back-office pages, whose path names the workspace.
    public var workspace: Workspace?
    /// The peer's IP address (sign-in attempts are counted per address); nil in router tests.
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Request bodies are small JSON documents; anything bigger is refused with `payload_too_large`.
    public var maxUploadSize: Int { 64 * 1024 }

    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }

    /// The caller, or `unauthenticated`.
    public func requireStaff() throws -> StaffUser {
        guard let staff else { throw SlotlineError(.unauthenticated) }
        return staff
    }

    /// The caller, if allowed to change the workspace's configuration.
    public func requireConfigurer() throws -> StaffUser {
        let staff = try requireStaff()
        guard staff.role.canConfigure else { throw SlotlineError(.forbidden) }
        return staff
    }
}
