/// Why the message templates could not be loaded or used. Raised by `MessageRenderer.init`, so a
/// broken template stops the server at start rather than a message at send time.
public struct MessageTemplateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Stable codes; the raw value is what logs show, so never rename one.
    public enum Code: String, Sendable {
        case folderMissing = "template_folder_missing"
        case templateMissing = "template_missing"
        case templateInvalid = "template_invalid"
    }

    public var code: Code
    /// The template concerned, relative to the templates folder, e.g. `zh-Hant/confirmed.mustache`.
    public var file: String
    public var message: String

    public init(_ code: Code, file: String, message: String) {
        self.code = code
        self.file = file
        self.message = message
    }

    public var description: String { "\(code.rawValue) \(file): \(message)" }
}
