// swift-tools-version: 6.1
import PackageDescription

// One set of settings for every target: Swift 6 language mode (strict concurrency).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    // Release builds let the optimizer see across sgw's own modules, so that generic code such as `MapRun.map` is
    // specialized where `sgw map` calls it (docs/benchmarks.md, Mapping). Only sgw's modules: the same flag given to
    // every module with `-Xswiftc` measured no better (docs/benchmarks.md, Delivery). An unsafe flag, which is why
    // the package exports no library: SwiftPM refuses unsafe flags in a package used as a dependency.
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
]

let package = Package(
    name: "sgw",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sgw", targets: ["sgw"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.27.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),  // LogHandler.log(event:) (MaskingLogHandler)
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.4.1"),
        // `Deque` for the readers' queues; already in the graph through swift-nio, at the same location.
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        // The console's server-rendered pages (SGWConsole).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        .target(
            name: "SGWCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/calendar"), .copy("Resources/profiles")],
            swiftSettings: swiftSettings
        ),
        // glibc's <malloc.h>: the sgw executable tunes the allocator at start (MemoryTuning).
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "SGWFormats",
            dependencies: [
                "SGWCore", "CLibXML2",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SGWMapping",
            dependencies: ["SGWCore", "SGWFormats", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SGWStore",
            dependencies: ["SGWCore", .product(name: "GRDB", package: "GRDB.swift"),
                           // SQLite's C API, for binding the values of bulk inserts (SQLiteStore.BulkInsert).
                           .product(name: "GRDBSQLite", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // Accountability reports (periods, the report per department and duty, CSV, HTML with SVG charts, XLSX).
        .target(
            name: "SGWReports",
            dependencies: ["SGWCore", "SGWStore", "SGWFormats"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SGWPipeline",
            dependencies: [
                "SGWCore", "SGWFormats", "SGWMapping", "SGWStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // A channel handler of its own on the client's connections (HeadFlushDeferral).
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // Where records come from: the file inbox, webhooks and polled HTTP APIs, all into the same ingest path.
        .target(
            name: "SGWSources",
            dependencies: [
                "SGWCore", "SGWFormats", "SGWMapping", "SGWStore", "SGWPipeline",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The console's templates, stylesheet and their renderer: presentation only, no store and no HTTP.
        .target(
            name: "SGWConsole",
            dependencies: [.product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Resources/console")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SGWServer",
            dependencies: [
                "SGWCore", "SGWStore", "SGWPipeline", "SGWSources", "SGWMapping", "SGWConsole", "SGWReports",
                "SGWFormats",  // CSVWriter: the admin API's rejects download
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SGWSimulator",
            dependencies: [
                "SGWCore", .product(name: "Hummingbird", package: "hummingbird"),
                // Its dropped-connection fault closes the channel itself.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SGWTesting",
            dependencies: [
                "SGWCore", "SGWMapping", "SGWStore", "SGWPipeline", "SGWSources", "SGWServer", "SGWSimulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "sgw",
            dependencies: [
                "SGWCore", "SGWFormats", "SGWMapping", "SGWStore", "SGWPipeline", "SGWSources", "SGWServer", "SGWSimulator", "SGWReports", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // Its event loops as Swift's global executor (see `Main`).
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SGWCoreTests",
            dependencies: [
                "SGWCore", "SGWTesting",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SGWFormatsTests",
            dependencies: [
                "SGWFormats", "SGWTesting",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SGWMappingTests",
            dependencies: [
                "SGWMapping", "SGWTesting",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SGWStoreTests",
            dependencies: [
                "SGWStore", "SGWPipeline", "SGWFormats", "SGWMapping", "SGWTesting",
                // To damage a stored message on purpose, as a hand-edited store would be.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Fixtures"],  // stores written by earlier versions, opened by path (MigrationTests)
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SGWReportsTests",
            dependencies: [
                "SGWReports", "SGWStore", "SGWPipeline", "SGWCore", "SGWTesting",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SGWDeliveryTests",
            dependencies: [
                "SGWCore", "SGWPipeline",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SGWPipelineTests",
            dependencies: [
                "SGWCore", "SGWFormats", "SGWMapping", "SGWPipeline", "SGWStore", "SGWTesting",
                // To damage a stored message on purpose, as a hand-edited store would be (OfflinePackageTests).
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SGWServerTests",
            dependencies: [
                "SGWServer", "SGWSources", "SGWStore", "SGWCore", "SGWTesting",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                // To hold the store's write lock from another connection, as another process would.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SGWSourcesTests",
            dependencies: [
                "SGWSources", "SGWServer", "SGWSimulator", "SGWStore", "SGWPipeline", "SGWMapping", "SGWCore", "SGWTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SGWSimulatorTests",
            dependencies: [
                "SGWSimulator", "SGWCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SGWCommandTests",
            dependencies: ["sgw", "SGWTesting", "SGWSources", "SGWReports", "SGWStore", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The floor under `sgw map` (scripts/bench/map-floor): sgw's CSV reader and JSON writer, no mapping. A benchmark, so
// in the package's graph only when that script asks for it.
if Context.environment["SGW_BENCH_TARGETS"] != nil {
    package.targets.append(.executableTarget(
        name: "MapFloor",
        dependencies: ["SGWCore", "SGWFormats"],
        path: "scripts/bench/MapFloor",
        swiftSettings: swiftSettings
    ))
}
