import SlotlineCore
/// A video-meeting service that Slotline creates meetings on: Zoom, the local sandbox and Jitsi
/// today; Microsoft Teams, Webex and Google Meet implement the same requirements.
///
/// Every call is one unit of a durable job: it either succeeds or throws a `MeetingProviderError`
/// that tells the job what to do next (errors thrown by the caller's `AccessTokenSource` pass
/// through unchanged). Implementations keep no state between calls; the caller stores the
/// `ProviderMeeting` it gets back.
public protocol MeetingProvider: Sendable {
    /// Which provider this is; the name stored with connections and meetings.
    var kind: ProviderKind { get }

    /// Creates a scheduled meeting. When this fails with `.transient` the meeting may exist all the
    /// same: call `find(marker:credentials:)` before creating again.
    func create(_ request: MeetingRequest, credentials: ProviderCredentials) async throws -> ProviderMeeting

    /// Moves the same meeting to the request's time, duration and topic and returns it as the
    /// provider now has it. A passcode changes only when the request fixes one.
    func update(externalId: String, _ request: MeetingRequest, credentials: ProviderCredentials) async throws -> ProviderMeeting

    /// Deletes the meeting. A meeting that is already gone counts as deleted.
    func delete(externalId: String, credentials: ProviderCredentials) async throws

    /// Ends the meeting if it is running.
    func end(externalId: String, credentials: ProviderCredentials) async throws

    /// The host's start link as of now, for staff only. Zoom's expire after two hours, so a page
    /// that shows one asks here rather than reading the stored copy. Nil: the host uses the join URL.
    func hostURL(externalId: String, credentials: ProviderCredentials) async throws -> String?

    /// The meeting whose request carried `marker`, if the provider has one: how a create whose
    /// answer was lost is found again instead of created twice.
    func find(marker: MeetingMarker, credentials: ProviderCredentials) async throws -> ProviderMeeting?

    /// The account the credentials belong to, shown on the connection and used to refuse binding
    /// one provider user to two practitioners.
    func account(credentials: ProviderCredentials) async throws -> ProviderAccount
}
