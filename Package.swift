// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "TechLadder",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "techladder", targets: ["techladder"]),
        .library(name: "LadderCore", targets: ["LadderCore"]),
        .library(name: "LadderImport", targets: ["LadderImport"]),
        .library(name: "LadderRules", targets: ["LadderRules"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // Zip container of the .xlsx workbooks LadderReports writes (the sheet XML is our own).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The web server (LadderServer only): HTTP, templates, signals, request log.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Hummingbird's own HTTP types (already resolved through it), named where headers are built.
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The one piece of C: a variadic libxml2 callback Swift cannot define (libxml2's generic errors).
        .target(name: "CLibXML2Support", dependencies: ["CLibXML2"]),
        .target(name: "XMLStream", dependencies: ["CLibXML2", "CLibXML2Support"]),
        .target(name: "LadderCore"),
        .target(name: "LadderImport", dependencies: ["XMLStream", "LadderCore", "CLibXML2Support"]),
        .target(name: "LadderRules", dependencies: ["XMLStream", "LadderCore"]),
        // The store's leaf types over raw memory: SQLite statements bound and read in place, SHA-256's block loop.
        .target(name: "StoreSupport", dependencies: [.product(name: "GRDB", package: "GRDB.swift"), "CSHA256", "LadderCore"]),
        // SHA-256's block function on the CPU's SHA instructions (x86-64 SHA-NI), in C as Swift has no intrinsics.
        .target(name: "CSHA256"),
        .target(name: "LadderStore", dependencies: [
            .product(name: "GRDB", package: "GRDB.swift"), "StoreSupport", "LadderCore", "LadderImport", "LadderReports",
        ]),
        .target(name: "LadderReports", dependencies: ["XMLStream", "LadderCore", "LadderRules", "ZIPFoundation"]),
        .target(name: "LadderGenerate", dependencies: ["LadderCore", "LadderRules", "XMLStream"]),
        // Accounts, passwords (bcrypt), tokens and the audit trail of the web application (issue 19).
        .target(name: "LadderAccounts", dependencies: [
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"), "LadderCore", "LadderStore",
        ]),
        // `techladder serve`: pages and the JSON API over a registry database, read-only.
        .target(
            name: "LadderServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                "XMLStream", "LadderCore", "LadderImport", "LadderRules", "LadderStore", "LadderReports",
                "LadderAccounts", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "techladder",
            dependencies: [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "LadderCore", "LadderImport", "LadderRules", "LadderStore", "LadderReports",
                "LadderGenerate", "LadderAccounts", "LadderServer",
            ]
        ),
        // libFuzzer targets (README "Fuzzing"); built normally it replays files given as arguments.
        .executableTarget(name: "Fuzz", dependencies: ["LadderCore", "LadderImport", "LadderRules", "XMLStream"]),
        .testTarget(name: "XMLStreamTests", dependencies: ["XMLStream"], resources: [.copy("Hostile")]),
        .testTarget(name: "LadderCoreTests", dependencies: ["LadderCore"]),
        .testTarget(name: "LadderImportTests", dependencies: ["LadderImport", "LadderCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LadderRulesTests", dependencies: ["LadderRules", "LadderImport", "LadderCore"]),
        .testTarget(name: "LadderAccountsTests", dependencies: [
            "LadderAccounts", "LadderStore", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "LadderStoreTests", dependencies: ["LadderStore", "StoreSupport", "LadderImport", "LadderReports", "LadderCore", "ZIPFoundation"]),
        .testTarget(name: "LadderReportsTests", dependencies: ["LadderReports", "LadderRules", "LadderImport", "LadderCore", "ZIPFoundation"]),
        .testTarget(name: "LadderGenerateTests", dependencies: ["LadderGenerate", "LadderImport", "LadderRules", "LadderReports", "LadderCore"]),
        .testTarget(
            name: "LadderServerTests",
            dependencies: [
                "LadderServer", "LadderStore", "LadderImport", "LadderRules", "LadderReports", "LadderCore",
                "LadderAccounts", "XMLStream", .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)

// Strictness set once for every target: Swift 6 language mode and explicit existentials.
for target in package.targets where target.type != .system && !["CLibXML2Support", "CSHA256"].contains(target.name) {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.swiftLanguageMode(.v6))
    // No unsafeFlags: they would stop other packages from depending on the libraries. The hot classes
    // mark their own stored properties `@exclusivity(unchecked)` instead (docs/ARCHITECTURE.md).
    target.swiftSettings = settings
}
