import Foundation
import Hummingbird
import SlotlineStore
import SQLKit

/// `/healthz` (the process answers) and `/readyz` (the database answers too).
struct HealthController {
    let store: Store

    struct Status: ResponseEncodable {
        let status: String
        let database: String?
    }

    func addRoutes(to router: Router<SlotlineContext>) {
        router.get("healthz") { _, _ in Status(status: "ok", database: nil) }
        router.get("readyz") { _, _ -> EditedResponse<Status> in
            do {
                _ = try await store.database.read { db in try await db.raw("SELECT 1 AS one").first() }
                return EditedResponse(response: Status(status: "ok", database: store.database.flavor.rawValue))
            } catch {
                return EditedResponse(status: .serviceUnavailable, response: Status(status: "unavailable", database: store.database.flavor.rawValue))
            }
        }
    }
}
