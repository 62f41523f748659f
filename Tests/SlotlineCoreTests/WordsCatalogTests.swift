import Foundation
import Testing
@testable import SlotlineCore

/// The catalog of words: every language says everything, and nothing asks for a word it lacks.
@Suite struct WordsCatalogTests {
    @Test(arguments: Language.allCases)
    func everyLanguageHasExactlyTheKeysOfEveryOther(language: Language) {
        let keys = Set(Words.catalog(language).keys)

        for other in Language.allCases where other != language {
            let missing = Set(Words.catalog(other).keys).subtracting(keys).sorted()
            #expect(missing.isEmpty, "\(language.rawValue) lacks \(missing), which \(other.rawValue) has")
        }
    }

    @Test(arguments: Language.allCases)
    func everyWordAsksForThePlaceholdersItsEnglishDoes(language: Language) {
        for (key, english) in Words.catalog(.en) {
            guard let word = Words.catalog(language)[key] else { continue }
            #expect(Set(Placeholders.names(in: word)) == Set(Placeholders.names(in: english)),
                    "\(language.rawValue) \(key): \(word)")
        }
    }

    /// Templates see the words nested by their dots; a key that is also the start of another would hide it.
    @Test func noKeyIsTheStartOfAnother() {
        let keys = Words.catalog(.en).keys
        for key in keys {
            #expect(!keys.contains { $0.hasPrefix(key + ".") }, "\(key) is both a word and a group")
        }
    }

    @Test(arguments: ErrorCode.allCases)
    func everyErrorCodeHasAWord(code: ErrorCode) {
        for language in Language.allCases {
            #expect(Words.catalog(language)["error.\(code.rawValue)"] != nil, "\(language.rawValue) error.\(code.rawValue)")
        }
    }

    /// Reads the Swift sources: a key written there (`words["page.summary.when"]`) must be in the catalog,
    /// or the page shows a gap. (The message templates' keys are checked by `MessageRenderer` as it loads.)
    @Test func everyKeyTheCodeWritesIsInTheCatalog() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" && !$0.lastPathComponent.hasPrefix("Words+") }  // not the catalog itself
        #expect(files.count > 50, "the sources were not found at \(sources.path)")
        for file in files {
            let source = try String(contentsOf: file, encoding: .utf8)
            for match in source.matches(of: #/"((?:error|message|page)\.[A-Za-z0-9_.\-]+)"/#) {
                // A key, or the prefix of a group of keys (the labels of a form's fields).
                let key = String(match.output.1)
                #expect(Words.catalog(.en)[key] != nil || Words.catalog(.en).keys.contains { $0.hasPrefix(key + ".") },
                        "\(file.lastPathComponent) uses \(key), which is not in the catalog")
            }
        }
    }

    @Test func placeholdersAreFilledOnceFromTheNamedValues() {
        let filled = Placeholders.fill("Hello {{name}}, {{ missing }}see {{other}}.",
                                       with: ["name": "{{other}}", "other": "you"])

        #expect(filled == "Hello {{other}}, see you.")
    }

    @Test func aKeyALanguageLacksFallsBackToEnglishThenToTheKey() {
        #expect(Words(.zhHant)["page.summary.when"] == "時間")
        #expect(Words(.zhHans)["no.such.word"] == "no.such.word")
    }

    @Test func wordsNestByTheirDotsForTemplates() {
        let tree = Words(.en).tree(under: "message.", with: ["serviceName": "Massage"])

        let message = tree["message"] as? [String: Any]
        let confirmed = message?["confirmed"] as? [String: Any]
        #expect((confirmed?["subject"] as? String)?.hasPrefix("Booking confirmed: Massage on ") == true)
        #expect(tree["error"] == nil)
    }
}

/// Keys built from a value (`booking.state.<state>`) are not in the code as written: each value has its word.
@Suite struct ValueWordsTests {
    @Test(arguments: Language.allCases)
    func everyStateAndRequestHasAWordInEveryLanguage(language: Language) {
        let words = Words(language)
        for state in BookingState.allCases {
            #expect(words.state(state) != "booking.state.\(state.rawValue)", "\(language) lacks \(state)")
        }
        for kind in ChangeRequest.Kind.allCases {
            #expect(words.request(kind) != "booking.request.\(kind.rawValue)", "\(language) lacks \(kind)")
        }
        #expect(Words(.zhHant).state(.confirmed) == "已確認")
    }
}
