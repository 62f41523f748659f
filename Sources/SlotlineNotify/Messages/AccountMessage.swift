import SlotlineCore

/// A message about a staff member's account (an invitation, a forgotten password): no booking,
/// just words of the catalog and one link. The HTML part is made from the text, as for every message.
public enum AccountMessage {
    /// `kind` names the words `message.account.<kind>.subject`, `.intro`, `.expiry`; `{{link}}`,
    /// `{{workspaceName}}` and `{{recipientName}}` fill them.
    public static func render(_ kind: String, language: Language, recipientName: String, workspaceName: String, link: String) -> RenderedMessage {
        let words = Words(language)
        let values = ["recipientName": recipientName, "workspaceName": workspaceName, "link": link]
        let subject = words["message.account.\(kind).subject", with: values]
        let text = [
            words["message.greeting.named", with: values],
            words["message.account.\(kind).intro", with: values],
            link,
            words["message.account.\(kind).expiry", with: values],
            words["message.signature", with: values],
        ].joined(separator: "\n\n")
        return RenderedMessage(subject: subject, text: text, html: MessageHTML.document(subject: subject, text: text, language: language))
    }
}
