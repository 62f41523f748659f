import Foundation
import Mustache
import SlotlineCore

/// What the layout around every page shows: the title, the language switcher, the form token,
/// a notice after an action, and for the back office its navigation.
struct PageFrame {
    struct LanguageLink {
        let code: String
        let name: String
        let href: String
        let current: Bool
    }

    var language: Language
    var title: String
    /// The page's own path and query, without `lang`: where the language links lead.
    var path: String
    var csrf = ""
    var notice: String?
    var alert: String?
    var admin: AdminFrame?
    /// Public pages may be shown inside the studio's own site.
    var embeddable = false

    private var languages: [LanguageLink] {
        let separator = path.contains("?") ? "&" : "?"
        return Language.allCases.map {
            LanguageLink(code: $0.rawValue, name: $0.nativeName, href: path + separator + "lang=" + $0.rawValue, current: $0 == language)
        }
    }
}

/// The back office's navigation: who is signed in, where, and which section is open.
struct AdminFrame {
    enum Section: String, CaseIterable {
        case bookings, meetings, conferences, practitioners, availability, services, lines, outbox, webhooks, jobs, audit, settings
    }

    let slug: String
    let workspaceName: String
    let staffName: String
    let canConfigure: Bool
    let section: Section

}

// Lookups by name, for the templates: Mustache's default reflection sees stored properties only.
extension PageFrame: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "lang": language.rawValue
        case "title": title
        case "csrf": csrf
        case "notice": notice
        case "alert": alert
        case "admin": admin
        case "languages": languages
        case "embeddable": embeddable
        default: nil
        }
    }
}

extension AdminFrame: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "slug": slug
        case "workspaceName": workspaceName
        case "staffName": staffName
        case "canConfigure": canConfigure
        // `{{#admin.open.bookings}}aria-current="page"{{/admin.open.bookings}}` in the navigation.
        case "open": [section.rawValue: true]
        default: nil
        }
    }
}
