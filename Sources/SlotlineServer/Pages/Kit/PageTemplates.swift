import Foundation
import Mustache
import SlotlineCore

/// The page templates (`Pages/Templates`), parsed once per language with that language's words
/// written in: a page exists once, and rendering looks up only the page's values. Mustache
/// escapes every value; the words are escaped as they are written in.
struct PageTemplates: Sendable {
    static let tags = WordTags(prefix: "page.")
    private let libraries: [Language: MustacheLibrary]

    init(folder: URL) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }.sorted()
        var sources: [(name: String, source: String)] = []
        for file in files {
            let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            if let (key, language) = Self.tags.firstMissing(in: source) {
                throw PageTemplateError(file: file, message: "uses the word \(key), which the \(language.rawValue) catalog lacks")
            }
            sources.append((String(file.dropLast(".mustache".count)), source))
        }
        MustacheContentTypes.register(PageHTML(), named: PageHTML.name)
        var libraries: [Language: MustacheLibrary] = [:]
        for language in Language.allCases {
            var library = MustacheLibrary()
            for (name, source) in sources {
                do {
                    try library.register(PageHTML.pragma + Self.tags.writingIn(language, into: source, escape: HTML.escaped), named: name)
                } catch {
                    throw PageTemplateError(file: name + ".mustache", message: "\(error)")
                }
            }
            libraries[language] = library
        }
        self.libraries = libraries
    }

    /// The templates shipped with the server.
    static func bundled() throws -> PageTemplates {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil, subdirectory: "Pages")
            ?? Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw PageTemplateError(file: "Templates", message: "the page templates are missing from the bundle")
        }
        return try PageTemplates(folder: folder)
    }

    func render(_ values: Any, template: String, language: Language) -> String {
        libraries[language]?.render(values, withTemplate: template) ?? ""
    }
}

/// Values in pages escape through Slotline's one HTML escaping (`HTML.escaped`), as the words
/// written into the templates and the messages do, not through Mustache's own. Every template and
/// partial names it first: Mustache starts each partial with its default.
struct PageHTML: MustacheContentType {
    static let name = "SLOTLINE_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"

    func escapeText(_ text: String) -> String { HTML.escaped(text) }
}

struct PageTemplateError: Error, CustomStringConvertible {
    let file: String
    let message: String
    var description: String { "page template \(file): \(message)" }
}
