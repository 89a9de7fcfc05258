// swift-tools-version:6.0
// Fuzz targets for the readers that take a user's files: CSV, JSON/NDJSON and
// dates. A separate package, so that the main package's `swift build` and
// `swift test` never build them. Build and run one with `Fuzz/run.sh TARGET SECONDS`.
import Foundation
import PackageDescription

// A path dependency is named after its folder, which differs between checkouts.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let registry = Target.Dependency.product(name: "Registry", package: root.lastPathComponent.lowercased())

// Each target is a library holding `LLVMFuzzerTestOneInput`; run.sh links it
// with libFuzzer's own main (an executable target's main would clash with it).
let package = Package(
    name: "partnerships-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [registry]),
        .target(name: "CSVReader", dependencies: ["FuzzSupport", registry]),
        .target(name: "JSONReader", dependencies: ["FuzzSupport", registry]),
        .target(name: "Dates", dependencies: ["FuzzSupport", registry]),
        .target(name: "MigrationScript", dependencies: ["FuzzSupport", registry]),
    ],
    swiftLanguageModes: [.v5]
)
