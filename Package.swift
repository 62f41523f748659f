// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "slotline",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "slotline", targets: ["slotline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // Domain: values, state machines, slot computation, errors. No I/O, no frameworks.
        .target(name: "SlotlineCore"),
        .target(
            name: "SlotlineStore",
            dependencies: [
                "SlotlineCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Messages, templates, iCalendar, email delivery (outbox and SMTP), outgoing webhook signing.
        .target(
            name: "SlotlineNotify",
            dependencies: [
                "SlotlineCore",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Templates")]
        ),
        // Meeting providers (Zoom, sandbox, Jitsi; Teams, Webex, Google Meet next), OAuth 2.0 and the token vault.
        .target(
            name: "SlotlineMeetings",
            dependencies: [
                "SlotlineCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Local fakes of the provider APIs over real HTTP, faithful to PROVIDERS.md, with injectable faults.
        .target(
            name: "ProviderSimulators",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The use cases every interface calls (API, pages, jobs, command line) and the job handlers.
        .target(
            name: "SlotlineDesk",
            dependencies: [
                "SlotlineCore",
                "SlotlineStore",
                "SlotlineNotify",
                "SlotlineMeetings",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "SlotlineServer",
            dependencies: [
                "SlotlineCore",
                "SlotlineDesk",
                "SlotlineStore",
                "SlotlineNotify",
                "SlotlineMeetings",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/openapi.json"), .copy("Pages/Templates"), .copy("Pages/Assets")]
        ),
        .executableTarget(
            name: "slotline",
            dependencies: [
                "SlotlineServer",
                "SlotlineDesk",
                "SlotlineNotify",
                "SlotlineStore",
                "SlotlineCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // Shared by the test targets: a real SQLite file and a real PostgreSQL schema per test.
        .target(
            name: "SlotlineTestSupport",
            dependencies: ["SlotlineStore", "SlotlineCore", .product(name: "Logging", package: "swift-log"),
                           .product(name: "SQLKit", package: "sql-kit")],
            path: "Tests/SlotlineTestSupport"
        ),
        .testTarget(name: "SlotlineCoreTests", dependencies: ["SlotlineCore"]),
        .testTarget(
            name: "SlotlineNotifyTests",
            dependencies: ["SlotlineNotify", "SlotlineCore", "SlotlineTestSupport", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "ProviderSimulatorsTests",
            dependencies: ["ProviderSimulators", .product(name: "AsyncHTTPClient", package: "async-http-client")]
        ),
        .testTarget(
            name: "SlotlineMeetingsTests",
            dependencies: ["SlotlineMeetings", "ProviderSimulators", "SlotlineCore",
                           .product(name: "AsyncHTTPClient", package: "async-http-client")]
        ),
        .testTarget(
            name: "SlotlineStoreTests",
            dependencies: ["SlotlineStore", "SlotlineCore", "SlotlineTestSupport", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]
        ),
        .testTarget(name: "slotlineTests", dependencies: ["slotline", "SlotlineServer"]),
        .testTarget(
            name: "SlotlineDeskTests",
            dependencies: ["SlotlineDesk", "SlotlineStore", "SlotlineCore", "SlotlineTestSupport",
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]
        ),
        .testTarget(
            name: "SlotlineServerTests",
            dependencies: [
                "SlotlineServer", "SlotlineDesk", "SlotlineStore", "SlotlineCore", "SlotlineTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                "SlotlineNotify",
                "SlotlineMeetings",
                "ProviderSimulators",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
