import Hummingbird
import SlotlineCore

/// The bare page the manage and sandbox pages share until pages have their own templates.
enum HTMLPage {
    /// `title` is escaped here; `body` is HTML its caller has escaped already.
    static func response(title: String, body: String, language: Language, status: HTTPResponse.Status = .ok) -> Response {
        let page = """
            <!doctype html><html lang="\(language.rawValue)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>\(HTML.escaped(title))</title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">
            <h1>\(HTML.escaped(title))</h1>\(body)</body></html>
            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
    }
}
