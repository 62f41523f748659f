/// A user name and password for SMTP AUTH. Every printed form masks the password.
public struct SMTPCredentials: Sendable, Equatable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}

extension SMTPCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "\(username):***" }
    public var debugDescription: String { description }
    // dump() and the debugger walk stored properties; this keeps the password out of them too.
    public var customMirror: Mirror { Mirror(self, children: ["username": username, "password": "***"]) }
}
