import Foundation
import LianxiKit
import SpacedRepetition
import Storage

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
        .deletingLastPathComponent()  // Tests
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
        if let first = shipped.first {
            let deck = Seed(
                name: first, data: try Data(contentsOf: decks.appendingPathComponent(first)))
            seeds.append(try progressBundle(studying: deck))
        }
        return seeds
    }

    /// The Anki collections (`collection.anki2` files of both schemas) of
    /// `Tests/LianxiKitTests/Fixtures/anki`, which the package forger starts from.
    public static func ankiCollections() throws -> [Data] {
        let folder = repository.appendingPathComponent("Tests/LianxiKitTests/Fixtures/anki")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".anki2") }.sorted()
            .map { try Data(contentsOf: folder.appendingPathComponent($0)) }
    }

    /// How progress bundles are named (`lianxi export bundle --out ana.lianxi.json`).
    static let bundleSuffix = ".lianxi.json"

    /// The bundle of an associate who answered a few cards of `deck` over three days, made by
    /// the same calls as `lianxi export bundle`.
    static func progressBundle(studying deck: Seed) throws -> Seed {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(deck.name).path
        try deck.data.write(to: URL(fileURLWithPath: path))

        let database = try StudyDatabase.inMemory()
        let time = Date(timeIntervalSince1970: 1_800_000_000)
        let imported = try DeckLibrary.importFiles([path], into: database, at: time)
        let associate = try database.registerAssociate(
            named: "fuzz", timeZone: "Asia/Shanghai", at: time
        ).associate
        let cards = try database.cardIds(inDeck: imported[0].summary.slug).values
            .flatMap(\.values).sorted().prefix(6)
        let ratings: [Rating] = [.good, .again, .hard, .easy]
        var reviews: [PastReview] = []
        for (index, card) in cards.enumerated() {
            for day in 0..<3 {
                reviews.append(
                    PastReview(
                        id: "fuzz-\(index)-\(day)", cardId: card,
                        reviewedAt: time + Double(day) * 86_400 + Double(index) * 60,
                        rating: ratings[(index + day) % ratings.count], duration: 5))
            }
        }
        try HistoryMerge.merge(reviews, into: database, for: associate)
        guard
            let bundle = try ProgressBundle.make(
                for: associate.name, from: database, at: time + 4 * 86_400)
        else { preconditionFailure("the associate registered above is in the database") }
        return Seed(name: "fuzz" + bundleSuffix, data: try bundle.encoded())
    }
}
