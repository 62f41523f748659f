import Foundation

/// The three languages the product speaks.
public enum Language: String, Sendable, CaseIterable, Codable {
    case en
    case zhHans = "zh-Hans"
    case zhHant = "zh-Hant"

    /// The language's name in itself, as a language switcher shows it.
    public var nativeName: String {
        switch self {
        case .en: "English"
        case .zhHans: "简体中文"
        case .zhHant: "繁體中文"
        }
    }

    /// Picks the best language from an `Accept-Language` header value (quality values honoured).
    public static func negotiate(_ header: String?, fallback: Language = .en) -> Language {
        guard let header, !header.isEmpty else { return fallback }
        var best: (Language, Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, let language = Language(tag: tag) else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            if quality > (best?.1 ?? 0) { best = (language, quality) }
        }
        return best?.0 ?? fallback
    }

    /// Maps a BCP 47 tag (`zh-TW`, `zh-Hant-HK`, `zh-CN`, `en-GB`, …) onto a product language.
    public init?(tag: String) {
        let lower = tag.lowercased()
        if lower.hasPrefix("zh") {
            // An explicit script wins over the region: zh-Hans-HK is Simplified.
            let subtags = lower.split { $0 == "-" || $0 == "_" }
            let traditional = !subtags.contains("hans") && subtags.contains { ["hant", "tw", "hk", "mo"].contains($0) }
            self = traditional ? .zhHant : .zhHans
        } else if lower.hasPrefix("en") {
            self = .en
        } else {
            return nil
        }
    }
}

