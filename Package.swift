// swift-tools-version:6.2
import PackageDescription

/// Settings shared by every target we write: Swift 6 language mode and no warnings.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

/// The order of `lianxi`'s functions in its binary (see `startQuickly`).
let linkOrder = "\(Context.packageDirectory)/Scripts/link-order/lianxi.order"

/// A folder whose `libstdc++.so` is a linker script naming the static `libstdc++.a`.
let staticLibstdcxx = "\(Context.packageDirectory)/Scripts/static-libstdc++"

/// How `lianxi` is linked on Linux: by lld, with packed relative relocations, libstdc++ linked in
/// and the functions a session runs side by side.
///
/// A static build of the Swift libraries carries about 95,000 relocations: as RELA entries they
/// are 2.2 MB that the loader reads at every start, packed (DT_RELR, which needs glibc 2.36 or
/// later) they are 18 kB. Measured: a session's start 4 MiB smaller (48.9 to 44.9 MiB resident
/// on the large collection), `lianxi --version` 1.5 MiB; the CPU time did not change measurably.
let startQuickly: [LinkerSetting] = [
    .unsafeFlags(
        ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"],
        .when(platforms: [.linux])),
    // libstdc++ (which ICU and the Swift runtime use) linked statically: the toolchain links it
    // dynamically even in a static build, and the loader then maps all of it and binds 1,700 of
    // its symbols at every start. The folder comes before the compiler's own on the library
    // path, so `-lstdc++` finds its linker script, which names `libstdc++.a`. Measured: 1.9
    // million instructions less for every start (`lianxi --version` 16.7 to 14.8 million), the
    // first card's peak resident memory about 1 MiB lower (24.9 to 23.8 MiB on the large
    // collection) and its CPU time 1-2 ms lower. Release builds only (benchmarks and packages).
    .unsafeFlags(["-L\(staticLibstdcxx)"], .when(platforms: [.linux], configuration: .release)),
    // The functions a session runs side by side (Scripts/link-order/make_order.py lists them from
    // a profile): the kernel maps the binary in 64 KiB windows around each page first touched,
    // and the start's code lay in some two hundred of them across 20 MB of code. Measured: the
    // start's resident memory 30.1 to 24.4 MiB on the large collection. Names missing from a
    // later build are skipped. Release builds only (benchmarks and packages).
    .unsafeFlags(
        [
            "-Xlinker", "--symbol-ordering-file=\(linkOrder)",
            "-Xlinker", "--no-warn-symbol-ordering",
        ],
        .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "Lianxi",
    products: [
        .executable(name: "lianxi", targets: ["LianxiCLI"]),
        .executable(name: "lianxi-server", targets: ["LianxiServer"]),
        .executable(name: "lianxi-bench", targets: ["LianxiBenchmarks"]),
        .executable(name: "app-bench", targets: ["AppBenchmarks"]),
        .executable(name: "cohort-bench", targets: ["CohortBenchmarks"]),
        .executable(name: "academy-bench", targets: ["AcademyBenchmarks"]),
        .executable(name: "lianxi-fuzz", targets: ["LianxiFuzz"]),
        .library(name: "SpacedRepetition", targets: ["SpacedRepetition"]),
        .library(name: "ChineseText", targets: ["ChineseText"]),
        .library(name: "LianxiKit", targets: ["LianxiKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The academy server only (AcademyServer); the CLI links none of these.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
    ],
    targets: [
        // Pure modules: no I/O, no clock, no global randomness.
        .target(name: "SpacedRepetition", swiftSettings: strict),
        .target(name: "ChineseText", swiftSettings: strict),
        .target(name: "ChineseDictionary", dependencies: ["ChineseText"], swiftSettings: strict),
        // The trainer's sections (at risk, mistakes by kind, deck releases, workload), computed
        // from plain answer histories that the laptop and the server both build.
        .target(
            name: "CohortInsights", dependencies: ["SpacedRepetition"], swiftSettings: strict),

        // CC-CEDICT's text (cedict_ts.u8, CC BY-SA 4.0, see NOTICE) assembled into the program
        // with `.incbin`: no generated source, and the file is found from any directory.
        .target(
            name: "CEDICTData", exclude: ["cedict_ts.u8"], cSettings: [.headerSearchPath(".")]),

        // The only module that will import GRDB.
        .target(
            name: "Storage",
            dependencies: [
                "SpacedRepetition", "CohortInsights",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),

        // Builds decks/*.tsv into LianxiKit, so the shipped decks travel with the program.
        .executableTarget(name: "DeckEmbedder", path: "Plugins/DeckEmbedder"),
        .plugin(
            name: "EmbedDecks", capability: .buildTool(), dependencies: ["DeckEmbedder"],
            path: "Plugins/EmbedDecks"),

        // libcurl opened with dlopen when a sync starts, so that `lianxi` links no libcurl and
        // its other starts do not load it (Linux; macOS has URLSession in Foundation).
        .target(name: "CurlLoader"),

        // Application services shared by every front end.
        .target(
            name: "LianxiKit",
            dependencies: [
                "SpacedRepetition", "ChineseText", "ChineseDictionary", "CEDICTData", "Storage",
                "AcademyProtocol", "CohortInsights", "CohortReporting",
                .target(name: "CurlLoader", condition: .when(platforms: [.linux])),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict,
            plugins: ["EmbedDecks"]
        ),

        // The sync protocol: plain Codable values both the laptop and the server use.
        .target(name: "AcademyProtocol", swiftSettings: strict),

        // The cohort report as a plain value and its CSV, JSON and HTML renderings: pure, so
        // that `lianxi` (from SQLite) and `lianxi-server` (from PostgreSQL) write the same bytes.
        .target(
            name: "CohortReporting", dependencies: ["SpacedRepetition", "ChineseText"],
            swiftSettings: strict),

        // The academy server: the only module that imports Hummingbird and PostgresNIO.
        .target(
            name: "AcademyServer",
            dependencies: [
                "AcademyProtocol", "CohortInsights", "CohortReporting", "SpacedRepetition",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),

        // `lianxi-server`: migrations, accounts and `serve`, a thin shell over AcademyServer.
        .executableTarget(
            name: "LianxiServer",
            dependencies: [
                "AcademyServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // The command-line tool `lianxi`: the only module that imports ArgumentParser.
        .executableTarget(
            name: "LianxiCLI",
            dependencies: [
                "LianxiKit",
                "CohortInsights",
                "CohortReporting",
                "ChineseDictionary",
                "ChineseText",
                "SpacedRepetition",
                "AcademyProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict,
            linkerSettings: startQuickly
        ),

        // `swift run -c release lianxi-bench`: scheduler benchmarks (see docs/BENCHMARKS.md).
        .executableTarget(
            name: "LianxiBenchmarks", dependencies: ["SpacedRepetition"],
            path: "Benchmarks/LianxiBenchmarks", swiftSettings: strict),

        // `swift run -c release OptimizerBenchmarks`: optimizer and workload-forecast benchmarks
        // against fsrs-rs-python (docs/BENCHMARKS.md, docs/OPTIMIZER.md).
        .executableTarget(
            name: "OptimizerBenchmarks", dependencies: ["SpacedRepetition"],
            path: "Benchmarks/OptimizerBenchmarks", swiftSettings: strict),

        // `app-bench build-large`: the anchors' large collection for Benchmarks/session.sh.
        .executableTarget(
            name: "AppBenchmarks", dependencies: ["LianxiKit", "Storage", "SpacedRepetition"],
            path: "Benchmarks/AppBenchmarks", swiftSettings: strict),

        // `cohort-bench build`: a generated cohort for Benchmarks/report.sh.
        .executableTarget(
            name: "CohortBenchmarks", dependencies: ["LianxiKit", "Storage", "SpacedRepetition"],
            path: "Benchmarks/CohortBenchmarks", swiftSettings: strict),
        // `academy-bench`: a day's answers for `lianxi sync`, and 200 laptops pushing at once,
        // for Benchmarks/academy.sh (links no SwiftNIO: it talks HTTP as the laptop does).
        .executableTarget(
            name: "AcademyBenchmarks",
            dependencies: [
                "LianxiKit", "Storage", "SpacedRepetition", "AcademyProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/AcademyBenchmarks", swiftSettings: strict),
        // `swift run -c release lianxi-fuzz`: hostile inputs for every importer
        // (docs/RELIABILITY.md); the library also runs a short seeded round in the tests, so
        // it lives with them. Like the storage tests, it writes forged Anki collections with
        // GRDB.
        .target(
            name: "ImportFuzzing",
            dependencies: [
                "LianxiKit", "Storage", "SpacedRepetition",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Tests/ImportFuzzing", swiftSettings: strict),
        .executableTarget(
            name: "LianxiFuzz", dependencies: ["ImportFuzzing"], path: "Benchmarks/LianxiFuzz",
            swiftSettings: strict),

        // Helpers shared by the test targets (seeded randomness, UTC dates, fixtures).
        .target(
            name: "TestSupport", dependencies: ["SpacedRepetition", "CohortInsights"],
            path: "Tests/TestSupport",
            swiftSettings: strict),

        .testTarget(
            name: "SpacedRepetitionTests",
            dependencies: ["SpacedRepetition", "TestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CohortInsightsTests",
            dependencies: ["CohortInsights", "SpacedRepetition", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ChineseTextTests",
            dependencies: ["ChineseText", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ChineseDictionaryTests",
            dependencies: ["ChineseDictionary", "CEDICTData"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "StorageTests",
            dependencies: [
                "Storage", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LianxiKitTests",
            dependencies: ["LianxiKit", "CohortReporting", "Storage", "TestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ImportFuzzingTests",
            dependencies: ["ImportFuzzing", "LianxiKit"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AcademyServerTests",
            dependencies: [
                "AcademyServer", "AcademyProtocol", "CohortReporting", "LianxiKit", "Storage",
                "SpacedRepetition", "CohortInsights",
                "TestSupport", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LianxiCLITests",
            dependencies: ["LianxiCLI", "TestSupport"],
            swiftSettings: strict
        ),
    ]
)
