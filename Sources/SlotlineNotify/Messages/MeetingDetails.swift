/// What a customer needs to join a booking's meeting. Static texts fill `text`; provider meetings
/// fill the link, number and passcode. There is deliberately no host link: it never reaches a customer.
public struct MeetingDetails: Sendable, Equatable, Codable {
    public var joinURL: String
    public var meetingNumber: String
    public var passcode: String
    /// A practitioner's or service's static meeting text, shown as written.
    public var text: String

    public init(joinURL: String = "", meetingNumber: String = "", passcode: String = "", text: String = "") {
        self.joinURL = joinURL
        self.meetingNumber = meetingNumber
        self.passcode = passcode
        self.text = text
    }

    public var isEmpty: Bool { joinURL.isEmpty && meetingNumber.isEmpty && passcode.isEmpty && text.isEmpty }
}
