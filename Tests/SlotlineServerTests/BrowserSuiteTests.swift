import AsyncHTTPClient
import Foundation
import Logging
import NIOPosix
import ProviderSimulators
import SlotlineCore
import SlotlineDesk
import SlotlineServer
import SlotlineStore
import SlotlineTestSupport
import Testing

/// The pages in a real browser: `slotline demo`'s data served over real HTTP on 127.0.0.1 with Zoom
/// pointed at the simulator (which asks for consent with an "Allow" button, as zoom.us does), and
/// the Python suite in `Tests/Browser` driving headless Chromium through it. Screenshots of every
/// page at 1280 and 390 px land in `.build/browser-shots`.
///
/// It runs when SLOTLINE_TEST_BROWSER is set: `scripts/test` runs it in a second `swift test`
/// of its own, after the rest, so its server has the process to itself.
@Suite(.serialized) struct BrowserSuiteTests {
    static var enabled: Bool { TestEnvironment.value("SLOTLINE_TEST_BROWSER") != nil }

    @Test("the pages pass the browser suite (Tests/Browser): flows, phone and PC widths, accessibility, own origin only",
          .enabled(if: enabled), .timeLimit(.minutes(15)))
    func theBrowserSuitePasses() async throws {
        let run = try await BrowserHost.serve { host in
            // SLOTLINE_TEST_BROWSER_FILES narrows the run while working on one page (`test_every_page.py`).
            let files = TestEnvironment.value("SLOTLINE_TEST_BROWSER_FILES") ?? "test_*.py"
            return try await PythonTools.run(["-m", "unittest", "discover", "-v", "-s", "Tests/Browser", "-p", files],
                                      environment: host.environment, timeout: .seconds(600))
        }
        print(run.errors)
        #expect(run.status == 0, "the browser suite failed:\n\(run.errors.suffix(6000))")
    }
}

/// The demo workspace served on a free port of 127.0.0.1, with one job worker and Zoom pointed at
/// a simulator that asks for consent.
struct BrowserHost {
    let url: String

    var environment: [String: String] {
        ["SLOTLINE_BROWSER_URL": url, "SLOTLINE_BROWSER_SLUG": DemoWorkspace.slug, "SLOTLINE_BROWSER_EMAIL": DemoWorkspace.email,
         "SLOTLINE_BROWSER_PASSWORD": DemoWorkspace.password,
         "SLOTLINE_BROWSER_SHOTS": PythonTools.repositoryRoot.appendingPathComponent(".build/browser-shots").path]
    }

    static func serve<T: Sendable>(_ body: @Sendable (BrowserHost) async throws -> T) async throws -> T {
        let zoom = ZoomSimulator(client: SimulatedZoomClient(clientId: "browser-client", clientSecret: "browser-secret", redirectURIs: []))
        return try await zoom.run { urls in
            let port = try freePort()
            let url = "http://127.0.0.1:\(port)"
            await zoom.addRedirectURI("\(url)/api/v1/oauth/zoom/callback")
            await zoom.setAsksConsent(true)
            let data = try PythonTools.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: data) }
            let configuration = try Configuration(environment: [:], overrides: [
                "SLOTLINE_DATA_DIR": data.path, "SLOTLINE_PORT": String(port), "SLOTLINE_PUBLIC_URL": url, "SLOTLINE_WORKERS": "1",
                "SLOTLINE_LOG_LEVEL": "warning", "SLOTLINE_ZOOM_CLIENT_ID": "browser-client", "SLOTLINE_ZOOM_CLIENT_SECRET": "browser-secret",
                "SLOTLINE_ZOOM_OAUTH_URL": urls.oauthBaseURL, "SLOTLINE_ZOOM_API_URL": urls.apiBaseURL,
            ])
            var logger = Logger(label: "browser-host")
            logger.logLevel = .warning
            let store = try await Store.open(configuration.databaseURL, secretKey: TestDatabase.secretKey, logger: logger)
            let settings = try ServerSettings(configuration, key: TestDatabase.secretKey)
            _ = try await DemoWorkspace(desk: try Desk(store: store, settings: settings)).seed()
            let app = try buildApplication(configuration: configuration, store: store, settings: settings, logger: logger)
            let server = Task { try await app.runService() }
            defer { server.cancel() }
            try await waitUntilListening(url)
            let result = try await body(BrowserHost(url: url))
            server.cancel()
            _ = await server.result
            await store.shutdown()
            return result
        }
    }

    /// A port nothing listens on now (the kernel's pick for a socket bound to port 0).
    static func freePort() throws -> Int {
        let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).wait()
        let port = channel.localAddress?.port ?? 0
        try channel.close().wait()
        return port
    }

    static func waitUntilListening(_ url: String) async throws {
        for _ in 0..<100 {
            if let response = try? await HTTPClient.shared.execute(HTTPClientRequest(url: url + "/healthz"), timeout: .seconds(2)),
               response.status == .ok { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestSupportError("the server at \(url) did not answer /healthz")
    }
}
