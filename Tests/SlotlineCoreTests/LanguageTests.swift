import Foundation
import Testing
@testable import SlotlineCore

@Suite struct LanguageTests {
    @Test(arguments: [
        ("en", Language.en), ("en-GB", .en), ("EN-us", .en),
        ("zh", .zhHans), ("zh-CN", .zhHans), ("zh-SG", .zhHans), ("zh-Hans", .zhHans), ("zh-Hans-CN", .zhHans),
        ("zh-TW", .zhHant), ("zh-HK", .zhHant), ("zh-MO", .zhHant), ("zh-Hant", .zhHant), ("zh-Hant-HK", .zhHant),
        ("zh-hant-tw", .zhHant), ("zh_TW", .zhHant), ("zh_CN", .zhHans), ("zh-Hans-HK", .zhHans), ("zh-Hans-TW", .zhHans), ("zh-Hant-CN", .zhHant),
    ])
    func mapsLanguageTags(tag: String, language: Language) {
        #expect(Language(tag: tag) == language)
    }

    @Test(arguments: ["fr", "de-DE", "ja", "*", ""])
    func unsupportedTagsMapToNothing(tag: String) {
        #expect(Language(tag: tag) == nil)
    }

    @Test(arguments: [
        ("zh-TW", Language.zhHant),
        ("zh-CN,zh;q=0.9,en;q=0.8", .zhHans),
        ("en-US,en;q=0.9,zh-TW;q=0.8", .en),
        ("fr-FR, zh-CN;q=0.8, en;q=0.9", .en),
        ("en;q=0.5, zh-TW;q=0.9", .zhHant),
        ("en;q=0.1, zh-Hant-HK", .zhHant),
        ("de, zh-Hans;q=0.2", .zhHans),
        ("zh-CN;q=0, en;q=0.1", .en),
        ("en ; q=0.3 , zh-CN ; q=0.4", .zhHans),
        ("zh-TW, en", .zhHant),
        ("en, zh-TW", .en),
    ])
    func negotiateHonoursQualityValues(header: String, language: Language) {
        #expect(Language.negotiate(header) == language)
    }

    @Test func negotiateFallsBackWhenNothingFits() {
        #expect(Language.negotiate(nil) == .en)
        #expect(Language.negotiate("", fallback: .zhHant) == .zhHant)
        #expect(Language.negotiate("fr-FR, de;q=0.9", fallback: .zhHans) == .zhHans)
        #expect(Language.negotiate("zh-CN;q=0", fallback: .zhHant) == .zhHant)
        #expect(Language.negotiate("*", fallback: .zhHans) == .zhHans)
    }

    @Test func rawValuesAreTheTagsClientsSend() throws {
        let data = try JSONEncoder().encode([Language.en, .zhHans, .zhHant])

        #expect(String(decoding: data, as: UTF8.self) == #"["en","zh-Hans","zh-Hant"]"#)
    }
}
