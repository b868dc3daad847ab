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
        // The web server (LadderServer only): HTTP, templates, signals, request log.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
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
        .target(name: "LadderImport", dependencies: ["XMLStream", "LadderCore", "CLibXML2", "CLibXML2Support"]),
        .target(name: "LadderRules", dependencies: ["XMLStream", "LadderCore"]),
        .target(name: "LadderStore", dependencies: [.product(name: "GRDB", package: "GRDB.swift"), "LadderCore"]),
        .target(name: "LadderReports", dependencies: ["XMLStream", "LadderCore", "LadderRules"]),
        .target(name: "LadderGenerate", dependencies: ["LadderCore"]),
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
        // Accounts, passwords (bcrypt), tokens and the audit trail of the web application (issue 19).
        .target(name: "LadderAccounts", dependencies: [
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"), "LadderCore", "LadderStore",
        ]),
        .executableTarget(
            name: "techladder",
            dependencies: [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                "XMLStream", "LadderCore", "LadderImport", "LadderRules", "LadderStore", "LadderReports",
                "LadderGenerate", "LadderServer", "LadderAccounts",
            ]
        ),
        // libFuzzer targets (README "Fuzzing"); built normally it replays files given as arguments.
        .executableTarget(name: "Fuzz", dependencies: ["LadderCore", "LadderImport", "LadderRules", "XMLStream"]),
        .testTarget(name: "XMLStreamTests", dependencies: ["XMLStream"], resources: [.copy("Hostile")]),
        .testTarget(name: "LadderCoreTests", dependencies: ["LadderCore"]),
        .testTarget(name: "LadderImportTests", dependencies: ["LadderImport", "LadderCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LadderRulesTests", dependencies: ["LadderRules", "LadderImport", "LadderCore"]),
        .testTarget(name: "LadderStoreTests", dependencies: ["LadderStore", "LadderImport", "LadderCore"]),
        .testTarget(name: "LadderReportsTests", dependencies: ["LadderReports", "LadderRules", "LadderImport", "LadderCore"]),
        .testTarget(
            name: "LadderServerTests",
            dependencies: [
                "LadderServer", "LadderStore", "LadderImport", "LadderRules", "LadderReports", "LadderCore",
                "LadderAccounts", "XMLStream", .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "LadderAccountsTests", dependencies: [
            "LadderAccounts", "LadderStore", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "LadderGenerateTests", dependencies: ["LadderGenerate", "LadderImport", "LadderCore"]),
    ]
)

// Strictness set once for every target: Swift 6 language mode and explicit existentials.
for target in package.targets where target.type != .system && target.name != "CLibXML2Support" {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.swiftLanguageMode(.v6))
    if ["XMLStream", "LadderImport", "LadderRules"].contains(target.name) {
        // The hot paths: the import handler's and the rules evaluator's state live in classes, and
        // dynamic exclusivity checks on their properties cost about a tenth of import time (and a few
        // per cent of an assessment). Static checks still apply.
        settings.append(.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)))
    }
    target.swiftSettings = settings
}
