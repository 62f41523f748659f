import Foundation
import Mustache

/// A page's view as Mustache reads it fastest. swift-mustache finds `{{name}}` in a struct through a
/// new `Mirror` each time, again for every scope it climbs through on the way out; the view turned
/// into dictionaries once, before rendering, answers each name with a hash lookup instead. Types
/// with lookups of their own (`MustacheParent`) stay as they are, and a nil is left out, as Mustache
/// reads a nil field: missing, so the name is looked for further out.
enum MustacheTree {
    static func make(_ value: Any) -> Any? {
        switch value {
        case let text as String: return text
        case let number as Int: return number
        case let flag as Bool: return flag
        case let number as Double: return number
        case let dictionary as [String: Any]: return dictionary.compactMapValues(make)
        case let parent as MustacheParent: return parent
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { make($0.value) }
        case .collection, .set:
            return mirror.children.compactMap { make($0.value) }
        case .struct, .class:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label, let made = make(child.value) { fields[label] = made }
            }
            return fields
        default:
            return value
        }
    }
}
