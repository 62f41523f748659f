import Crypto
import Foundation
import Hummingbird
import SlotlineCore

/// The stylesheet and script every page loads, served by Slotline itself under names that carry
/// a hash of their content (`/assets/slotline.3f2a9c1d.css`), so browsers may keep them forever.
struct PageAssets: Sendable {
    struct Asset: Sendable {
        let path: String
        let contentType: String
        let body: ByteBuffer
    }

    private let byPath: [String: Asset]
    /// The embed script keeps one address: studios paste it into their own sites.
    private let embed: Asset?
    let stylesheet: String
    let script: String

    init(folder: URL) throws {
        var byPath: [String: Asset] = [:]
        var names: [String: String] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            let stem = (file as NSString).deletingPathExtension, suffix = (file as NSString).pathExtension
            let hash = Hex.encode(Data(SHA256.hash(data: data))).prefix(10)
            let path = "/assets/\(stem).\(hash).\(suffix)"
            let type = switch suffix {
            case "css": "text/css; charset=utf-8"
            case "js": "text/javascript; charset=utf-8"
            case "svg": "image/svg+xml"
            default: "application/octet-stream"
            }
            byPath[path] = Asset(path: path, contentType: type, body: ByteBuffer(data: data))
            names[file] = path
        }
        self.byPath = byPath
        embed = names["embed.js"].flatMap { byPath[$0] }
        stylesheet = names["slotline.css"] ?? ""
        script = names["slotline.js"] ?? ""
    }

    static func bundled() throws -> PageAssets {
        guard let folder = Bundle.module.url(forResource: "Assets", withExtension: nil, subdirectory: "Pages")
            ?? Bundle.module.url(forResource: "Assets", withExtension: nil) else {
            throw PageTemplateError(file: "Assets", message: "the page assets are missing from the bundle")
        }
        return try PageAssets(folder: folder)
    }

    func addRoutes(to router: Router<SlotlineContext>) {
        router.get("embed.js") { _, _ in
            guard let embed else { throw SlotlineError.notFound("asset") }
            return Response(status: .ok, headers: [.contentType: embed.contentType, .cacheControl: "public, max-age=3600"],
                            body: .init(byteBuffer: embed.body))
        }
        router.get("assets/:name") { request, _ in
            guard let asset = byPath[request.uri.path] else { throw SlotlineError.notFound("asset") }
            return Response(status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=31536000, immutable"],
                            body: .init(byteBuffer: asset.body))
        }
    }
}
