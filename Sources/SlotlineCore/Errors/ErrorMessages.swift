/// The user-facing text of every error code, in every language: the word `error.<code>` of the
/// `Words` catalog. Wording of `invalid_parameter` and `no_free_line` follows the OA seed exactly.
public enum ErrorMessages {
    public static func message(for error: SlotlineError, in language: Language) -> String {
        let words = Words(language)
        let field = error.field ?? ""
        return words["error.\(error.code.rawValue)", with: [
            "field": field,
            // The same parentheses in every language, so the detail is formatted here, once.
            "detail": error.detail.map { " (\($0))" } ?? "",
            "resource": field.isEmpty ? words["error.fallback.resource"] : field,
            "state": error.detail ?? words["error.fallback.state"],
            // Times the message lists as they are (the nearest offered starts).
            "times": error.detail ?? "",
            // How long to wait before signing in again.
            "seconds": error.detail ?? "",
        ]]
    }
}
