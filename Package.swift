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
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "Database",
            dependencies: ["CSQLite"],
            linkerSettings: [
                // SQLite from the static archive of libsqlite3-dev rather than its
                // shared library: the same sources and version, but Debian builds
                // them as separate files, and in the shared library every call from
                // one of SQLite's files into another goes through the PLT. Linked
                // directly, a 1M-row import runs about 5% faster (README,
                // Performance), and the binary needs no libsqlite3.so.
                // Whole-archive, because these flags come before the objects on
                // the link line, where a plain archive would contribute nothing.
                // (The module map of CSQLite names no library, so nothing links
                // the shared one.)
                .unsafeFlags(["-Xlinker", "--whole-archive", "-Xlinker", "-l:libsqlite3.a", "-Xlinker", "--no-whole-archive"],
                             .when(platforms: [.linux])),
            ]
        ),
        .target(
            name: "Registry",
            dependencies: ["Database"],
            swiftSettings: [
                // Release builds leave out the run-time exclusivity checks
                // (each access to a class's stored property through inout or
                // a mutating method): the import's two threads spent 2-5% of
                // their time in them (swift_beginAccess), and a 1M import
                // takes 3% less CPU without them (README, Performance). The
                // compiler's static checks stay, and debug builds, which run
                // the tests, keep the run-time checks too.
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ]
        ),
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
