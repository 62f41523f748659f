import Foundation
import SlotlineTestSupport
import Testing

/// Independent readers of what the server sends: Python's `email` package for messages and
/// `scripts/check-ics` (icalendar) for invitations, from the venv SLOTLINE_TEST_PYTHON_BIN names.
/// Tests using it are skipped without the variable, except on CI, where they fail instead.
enum PythonReader {
    static var enabled: Bool { PythonTools.enabled }

    /// What Python's `email` package (policy.default) makes of one message: decoded headers, its
    /// defects, and each MIME part with its decoded content.
    struct ReadMessage {
        let subject: String
        let from: [String]
        let to: [String]
        let defects: [String]
        /// Content types in tree order, containers included.
        let types: [String]
        /// Leaf parts by content type: the decoded text, LF line endings.
        let contents: [String: String]
        let calendarMethod: String?
        let attachmentName: String?
    }

    /// Reads each `.eml` with Python's `email` package; the results in the order given.
    static func readMail(_ messages: [Data]) throws -> [ReadMessage] {
        let directory = try PythonTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("read_eml.py")
        try Data(emailReader.utf8).write(to: script)
        let files = try messages.enumerated().map { index, bytes in
            let file = directory.appendingPathComponent("message-\(index).eml")
            try bytes.write(to: file)
            return file.path
        }
        let run = try PythonTools.python([script.path] + files)
        guard run.status == 0 else { throw TestFailure("python email reader failed: \(run.errors)") }
        return try run.jsonLines().map { line in
            let parts = line["parts"] as? [[String: Any]] ?? []
            var contents: [String: String] = [:]
            for part in parts {
                if let type = part["type"] as? String, let content = part["content"] as? String { contents[type] = content }
            }
            return ReadMessage(
                subject: line["subject"] as? String ?? "", from: line["from"] as? [String] ?? [], to: line["to"] as? [String] ?? [],
                defects: line["defects"] as? [String] ?? ["unreadable reader output"],
                types: parts.compactMap { $0["type"] as? String }, contents: contents,
                calendarMethod: parts.first { $0["type"] as? String == "text/calendar" }?["method"] as? String,
                attachmentName: parts.first { $0["disposition"] as? String == "attachment" }?["filename"] as? String)
        }
    }

    /// What `scripts/check-ics --json` says of each invitation: `ok`, `method`, `uid`, `sequence`, `location`, …
    static func checkICS(_ invitations: [String]) throws -> [[String: Any]] {
        let directory = try PythonTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try invitations.enumerated().map { index, ics in
            let file = directory.appendingPathComponent("invite-\(index).ics")
            try Data(ics.utf8).write(to: file)
            return file.path
        }
        let run = try PythonTools.python([PythonTools.repositoryRoot.appendingPathComponent("scripts/check-ics").path, "--json"] + files)
        let results = try run.jsonLines()
        guard results.count == invitations.count else {
            throw TestFailure("check-ics answered \(results.count) lines for \(invitations.count) files: \(run.errors)")
        }
        return results
    }

    private static let emailReader = #"""
    import email, email.policy, json, sys

    for path in sys.argv[1:]:
        with open(path, "rb") as handle:
            message = email.message_from_bytes(handle.read(), policy=email.policy.default)
        defects = [repr(defect) for defect in message.defects]
        for name, value in message.items():
            defects += [f"{name}: {defect!r}" for defect in getattr(value, "defects", ())]
        parts = []
        for part in message.walk():
            defects += [repr(defect) for defect in part.defects]
            entry = {"type": part.get_content_type(), "disposition": part.get_content_disposition(),
                     "filename": part.get_filename(), "method": part.get_param("method")}
            if not part.is_multipart():
                content = part.get_content()
                if isinstance(content, bytes):
                    content = content.decode("utf-8")
                entry["content"] = content.replace("\r\n", "\n")
            parts.append(entry)

        def mailboxes(name):
            header = message[name]
            return [] if header is None else [str(address) for address in header.addresses]

        print(json.dumps({"subject": str(message["subject"]), "from": mailboxes("from"), "to": mailboxes("to"),
                          "defects": defects, "parts": parts}, ensure_ascii=False))
    """#
}
