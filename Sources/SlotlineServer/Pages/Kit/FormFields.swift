import Foundation
import SlotlineCore

/// One input of a back-office form, as the `_field` partial draws it: its label and hint from the
/// catalog (`<prefix>.<name>`, `<prefix>.<name>_hint`), the value shown (what was typed, after an
/// error; else the saved one) and the error beside it.
struct FieldView {
    enum Kind: String { case text, email, password, number, textarea, checkbox, select, checkboxes, datetimeLocal = "datetime-local" }

    let name: String
    /// Unique on the page: two forms may have fields of the same name.
    let id: String
    let label: String
    let hint: String?
    let value: String
    let error: String?
    let kind: Kind
    let options: [Option]
    let checked: Bool
    let required: Bool
    let placeholder: String?
    // Flags for the template, which cannot compare strings.
    let isInput: Bool
    let isTextarea: Bool
    let isCheckbox: Bool
    let isSelect: Bool
    let isCheckboxes: Bool
    let type: String
}

/// Builds the fields of one form from the saved values and, after a failed post, the typed ones.
struct FormFields {
    let form: FormState?
    let words: Words
    /// The catalog prefix of the labels, e.g. `page.service.field`.
    let prefix: String
    /// Starts the ids of this form's inputs.
    let idPrefix: String
    private(set) var fields: [FieldView] = []

    init(form: FormState?, words: Words, prefix: String, idPrefix: String = "f") {
        self.form = form
        self.words = words
        self.prefix = prefix
        self.idPrefix = idPrefix
    }

    mutating func text(_ name: String, _ saved: String, kind: FieldView.Kind = .text, required: Bool = false, placeholder: String? = nil) {
        add(name, value: typed(name) ?? saved, kind: kind, required: required, placeholder: placeholder)
    }

    mutating func number(_ name: String, _ saved: Int) { add(name, value: typed(name) ?? String(saved), kind: .number) }

    mutating func textarea(_ name: String, _ saved: String) { add(name, value: typed(name) ?? saved, kind: .textarea) }

    /// A checkbox: after a failed post, checked as it was sent (an unchecked box sends nothing).
    mutating func checkbox(_ name: String, _ saved: Bool) {
        add(name, value: "true", kind: .checkbox, checked: form.map { $0[name] != nil } ?? saved)
    }

    mutating func select(_ name: String, _ saved: String, options: [(value: String, label: String)]) {
        let chosen = typed(name) ?? saved
        add(name, value: chosen, kind: .select, options: options.map { Option(value: $0.value, label: $0.label, selected: $0.value == chosen) })
    }

    mutating func checkboxes(_ name: String, _ saved: [String], options: [(value: String, label: String)]) {
        let chosen = form.map { $0.all(name) } ?? saved
        add(name, value: "", kind: .checkboxes, options: options.map { Option(value: $0.value, label: $0.label, selected: chosen.contains($0.value)) })
    }

    private func typed(_ name: String) -> String? { form?.child(named: name).flatMap { ($0 as? FormState.Field)?.value } }

    private mutating func add(_ name: String, value: String, kind: FieldView.Kind, options: [Option] = [], checked: Bool = false,
                              required: Bool = false, placeholder: String? = nil) {
        let hintKey = "\(prefix).\(name)_hint"
        fields.append(FieldView(
            name: name, id: "\(idPrefix)-\(name)", label: words["\(prefix).\(name)"], hint: words.has(hintKey) ? words[hintKey] : nil, value: value,
            error: (form?.child(named: name) as? FormState.Field)?.error, kind: kind, options: options, checked: checked,
            required: required, placeholder: placeholder,
            isInput: [.text, .email, .password, .number, .datetimeLocal].contains(kind), isTextarea: kind == .textarea, isCheckbox: kind == .checkbox,
            isSelect: kind == .select, isCheckboxes: kind == .checkboxes, type: kind.rawValue))
    }
}
