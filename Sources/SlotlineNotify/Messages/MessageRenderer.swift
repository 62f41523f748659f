import Foundation
import Mustache
import SlotlineCore

/// Renders booking messages from the Mustache templates in `Templates/`, one per message kind for
/// every language: the first line of `<kind>.mustache` is the subject, the rest (after a blank
/// line) the plain-text body, and `_name.mustache` files are shared partials. The words come from
/// the language's `Words` catalog (`{{message.confirmed.intro}}`), so a template holds only the
/// structure. The HTML part is made from the rendered text, so the two parts never disagree.
public struct MessageRenderer: Sendable {
    private let templates: MessageTemplates

    /// Loads and checks every template once, from the module's bundle.
    public init() throws {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Templates", isDirectory: true) else {
            throw MessageTemplateError(.folderMissing, file: "Templates", message: "the module bundle has no resources")
        }
        try self.init(folder: folder)
    }

    /// Loads the templates from `folder`.
    init(folder: URL) throws {
        templates = try MessageTemplates(folder: folder)
    }

    public func render(_ context: MessageContext) throws -> RenderedMessage {
        let file = "\(context.kind.rawValue).mustache"
        guard let message = templates.messages[context.language]?[context.kind],
              let partials = templates.partials[context.language] else {
            throw MessageTemplateError(.templateMissing, file: file, message: "no template for this message")
        }
        let values = MessageFields.values(for: context)
        let subject = message.subject.render(values, library: partials)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let text = Self.tidy(message.body.render(values, library: partials))
        guard !subject.isEmpty, !text.isEmpty else {
            throw MessageTemplateError(.templateInvalid, file: file, message: "the subject or the body rendered empty")
        }
        return RenderedMessage(subject: subject, text: text,
                               html: MessageHTML.document(subject: subject, text: text, language: context.language))
    }

    /// Templates may leave blank lines where an optional part was empty: keep at most one blank line
    /// in a row, none at the ends, and no trailing spaces.
    static func tidy(_ rendered: String) -> String {
        var lines: [Substring] = []
        for line in rendered.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            var line = line
            while let last = line.last, last.isWhitespace { line = line.dropLast() }
            if line.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }
}
