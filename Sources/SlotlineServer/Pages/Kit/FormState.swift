import Foundation
import Mustache
import SlotlineCore

/// A form as the person typed it and what was wrong with it, for the template:
/// `{{form.customer_email.value}}`, `{{form.customer_email.error}}`, and `{{form.error}}` for a
/// problem of no single field. Input names are the API's field names with `_` for `.`, so an error's
/// field finds its input.
struct FormState {
    struct Field {
        let value: String
        let error: String?
    }

    private var values: [String: String]
    /// Every value of fields sent more than once (checkbox groups), as typed.
    private var lists: [String: [String]] = [:]
    private var errors: [String: String] = [:]
    private(set) var error: String?

    init(values: [String: String] = [:]) { self.values = values }

    /// The form as sent, with `failure` shown next to its field (or above the form) in `language`.
    init(_ form: FormData, failure: SlotlineError, language: Language, knownFields: Set<String>) {
        values = form.values
        lists = form.lists
        let message = ErrorMessages.message(for: failure, in: language)
        if let field = failure.field.map(Self.inputName), knownFields.contains(field) {
            // A field's own advice where the catalog has one ("Enter an email address like …").
            let advice = Words.catalog(language)["page.invalid.\(field)"]
            errors[field] = failure.code == .invalidParameter || failure.code == .missingParameter ? advice ?? message : message
        } else {
            error = message
        }
    }

    static func inputName(_ field: String) -> String { field.replacingOccurrences(of: ".", with: "_") }

    func all(_ name: String) -> [String] { lists[name] ?? values[name].map { [$0] } ?? [] }

    subscript(name: String) -> String? {
        get { values[name] }
        set { values[name] = newValue }
    }
}

extension FormState: MustacheParent {
    func child(named name: String) -> Any? {
        if name == "error" { return error }
        return Field(value: values[name] ?? "", error: errors[name])
    }
}
