import Foundation
import Mustache
import SlotlineCore

/// Renders booking messages from the Mustache templates in `Templates/<language>/`: the first line
/// of `<kind>.mustache` is the subject, the rest (after a blank line) the plain-text body, and
/// `_name.mustache` files are partials shared by the kinds of one language. The HTML part is made
/// from the rendered text, so the two parts never disagree.
public struct MessageRenderer: Sendable {
    private let templates: [Language: LanguageTemplates]

    /// Loads and checks every template once, from the module's bundle.
    public init() throws {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Templates", isDirectory: true) else {
            throw MessageTemplateError(.folderMissing, file: "Templates", message: "the module bundle has no resources")
        }
        try self.init(folder: folder)
    }

    /// Loads the templates from `folder`, which holds one subfolder per language.
    init(folder: URL) throws {
        var templates: [Language: LanguageTemplates] = [:]
        for language in Language.allCases {
            templates[language] = try LanguageTemplates(folder: folder, language: language)
        }
        self.templates = templates
    }

    public func render(_ context: MessageContext) throws -> RenderedMessage {
        let file = "\(context.language.rawValue)/\(context.kind.rawValue).mustache"
        guard let templates = templates[context.language], let message = templates.messages[context.kind] else {
            throw MessageTemplateError(.templateMissing, file: file, message: "no template for this message")
        }
        let values = MessageFields.values(for: context)
        let subject = message.subject.render(values, library: templates.partials)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let text = Self.tidy(message.body.render(values, library: templates.partials))
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

/// The templates of one language.
private struct LanguageTemplates: Sendable {
    struct Message: Sendable {
        let subject: MustacheTemplate
        let body: MustacheTemplate
    }

    let messages: [MessageKind: Message]
    let partials: MustacheLibrary

    init(folder: URL, language: Language) throws {
        let directory = folder.appendingPathComponent(language.rawValue, isDirectory: true)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw MessageTemplateError(.folderMissing, file: language.rawValue, message: "cannot list the templates: \(error)")
        }
        var messages: [MessageKind: Message] = [:]
        var partials = MustacheLibrary()
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let file = "\(language.rawValue)/\(name)"
            let stem = String(name.dropLast(".mustache".count))
            let source = try Self.read(directory.appendingPathComponent(name), file: file)
            if stem.hasPrefix("_") {
                partials.register(try Self.parse(source, file: file), named: stem)
            } else if let kind = MessageKind(rawValue: stem) {
                let lines = source.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
                guard lines.count == 3, !lines[0].allSatisfy(\.isWhitespace), lines[1].allSatisfy(\.isWhitespace) else {
                    throw MessageTemplateError(.templateInvalid, file: file,
                                               message: "expected the subject on the first line, then a blank line, then the body")
                }
                messages[kind] = Message(subject: try Self.parse(String(lines[0]), file: file),
                                         body: try Self.parse(String(lines[2]), file: file))
            } else {
                throw MessageTemplateError(.templateInvalid, file: file,
                                           message: "not a message kind; partials start with an underscore")
            }
        }
        for kind in MessageKind.allCases where messages[kind] == nil {
            throw MessageTemplateError(.templateMissing, file: "\(language.rawValue)/\(kind.rawValue).mustache",
                                       message: "every message kind needs a template in every language")
        }
        self.messages = messages
        self.partials = partials
    }

    private static func read(_ url: URL, file: String) throws -> String {
        do {
            return try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
        } catch {
            throw MessageTemplateError(.templateInvalid, file: file, message: "cannot read as UTF-8: \(error)")
        }
    }

    /// Parses as plain text: the pragma turns off Mustache's HTML escaping, which would otherwise
    /// mangle `&` and `<` in the text part; the HTML part does its own escaping, once.
    /// Partials reset the content type, so every template gets the pragma, partials included.
    private static func parse(_ source: String, file: String) throws -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}\n" + source)
        } catch {
            throw MessageTemplateError(.templateInvalid, file: file, message: "\(error)")
        }
    }
}
