import AsyncHTTPClient
import SlotlineStore

/// Every job handler the server runs.
public func jobHandlers(store: Store, settings: ServerSettings, httpClient: HTTPClient = .shared) throws -> [any JobHandler] {
    try Desk(store: store, settings: settings, httpClient: httpClient).jobHandlers
}
