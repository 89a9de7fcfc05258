// swift-tools-version:6.0
import PackageDescription

// Layers, each knowing only the ones below it:
// CSQLite → Database → Registry → PartnershipsCLI → partnerships (executable).
let package = Package(
    name: "partnerships",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "partnerships", targets: ["partnerships"]),
        .library(name: "Registry", targets: ["Registry"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "Database", dependencies: ["CSQLite"]),
        .target(name: "Registry", dependencies: ["Database"]),
        .target(
            name: "PartnershipsCLI",
            dependencies: [
                "Registry",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "partnerships", dependencies: ["PartnershipsCLI"]),
        // What the test targets share (temporary folders); not part of any product.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "DatabaseTests", dependencies: ["Database", "TestSupport"]),
        .testTarget(name: "RegistryTests", dependencies: ["Registry", "Database", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["PartnershipsCLI", "Registry", "Database", "TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
