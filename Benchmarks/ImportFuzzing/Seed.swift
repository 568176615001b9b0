import Foundation

/// A file the mutator starts from: one of the repository's fixtures or shipped decks.
public struct Seed: Sendable {
    /// The file's name (its extension steers the format guess, as it does for a trainer).
    public let name: String
    /// The file's bytes.
    public let data: Data

    /// Creates a seed.
    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }

    /// Whether the file is binary (a package), so its lines are not spliced into text files.
    var isBinary: Bool { data.starts(with: [0x50, 0x4B]) || name.hasSuffix(".apkg") }

    /// The repository this file belongs to, found from its path.
    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ImportFuzzing
        .deletingLastPathComponent()  // Benchmarks
        .deletingLastPathComponent()

    /// The deck files of `Tests/LianxiKitTests/Fixtures` and the first `shippedDecks` shipped
    /// decks, by name.
    public static func repositoryFiles(shippedDecks: Int = 2) throws -> [Seed] {
        let fixtures = repository.appendingPathComponent("Tests/LianxiKitTests/Fixtures")
        let decks = repository.appendingPathComponent("decks")
        let deckFiles = ["tsv", "csv", "txt", "apkg"]
        var seeds: [Seed] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures.path).sorted()
        where deckFiles.contains((name as NSString).pathExtension) {
            let data = try Data(contentsOf: fixtures.appendingPathComponent(name))
            seeds.append(Seed(name: name, data: data))
        }
        let shipped = try FileManager.default.contentsOfDirectory(atPath: decks.path)
            .filter { $0.hasSuffix(".tsv") }.sorted().prefix(shippedDecks)
        for name in shipped {
            seeds.append(
                Seed(name: name, data: try Data(contentsOf: decks.appendingPathComponent(name))))
        }
        return seeds
    }
}
