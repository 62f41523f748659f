import Foundation
import Mustache
import SlotlineCore

/// The message templates, parsed and checked: one per kind, and the partials they share.
struct MessageTemplates: Sendable {
    struct Message: Sendable {
        let subject: MustacheTemplate
        let body: MustacheTemplate
    }

    /// By language: each template with the language's words written in when it loads, so a
    /// rendering looks up only the message's values (as fast as one template per language was).
    let messages: [Language: [MessageKind: Message]]
    let partials: [Language: MustacheLibrary]

    init(folder: URL) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw MessageTemplateError(.folderMissing, file: folder.lastPathComponent, message: "cannot list the templates: \(error)")
        }
        var sources: [(file: String, stem: String, source: String)] = []
        for file in names.sorted() where file.hasSuffix(".mustache") {
            let source = try Self.read(folder.appendingPathComponent(file), file: file)
            try MessageWordKeys.check(source, file: file)
            sources.append((file, String(file.dropLast(".mustache".count)), source))
        }
        var messages: [Language: [MessageKind: Message]] = [:]
        var partials: [Language: MustacheLibrary] = [:]
        for language in Language.allCases {
            var kinds: [MessageKind: Message] = [:]
            var library = MustacheLibrary()
            for (file, stem, template) in sources {
                let source = MessageWordKeys.writingIn(language, into: template)
                if stem.hasPrefix("_") {
                    library.register(try Self.parse(source, file: file), named: stem)
                } else if let kind = MessageKind(rawValue: stem) {
                    let lines = source.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
                    guard lines.count == 3, !lines[0].allSatisfy(\.isWhitespace), lines[1].allSatisfy(\.isWhitespace) else {
                        throw MessageTemplateError(.templateInvalid, file: file,
                                                   message: "expected the subject on the first line, then a blank line, then the body")
                    }
                    kinds[kind] = Message(subject: try Self.parse(String(lines[0]), file: file),
                                          body: try Self.parse(String(lines[2]), file: file))
                } else {
                    throw MessageTemplateError(.templateInvalid, file: file,
                                               message: "not a message kind; partials start with an underscore")
                }
            }
            for kind in MessageKind.allCases where kinds[kind] == nil {
                throw MessageTemplateError(.templateMissing, file: "\(kind.rawValue).mustache",
                                           message: "every message kind needs a template")
            }
            messages[language] = kinds
            partials[language] = library
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
