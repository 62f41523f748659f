extension Configuration {
    /// The README's configuration table, row for row: one place says what each variable means.
    public static var markdownTable: String {
        let rows = keys.map { key in
            let meaning = key.meaning + (key.secret ? " (secret)" : "")
            return "| `\(key.name)` | \(cell(key.defaultValue)) | \(cell(meaning)) |"
        }
        return (["| variable | default | meaning |", "| --- | --- | --- |"] + rows).joined(separator: "\n")
    }

    /// A bar inside a cell would end it, even in code font.
    private static func cell(_ markdown: String) -> String {
        markdown.replacingOccurrences(of: "|", with: "\\|")
    }
}
