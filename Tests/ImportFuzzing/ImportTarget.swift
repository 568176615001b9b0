import Foundation
import LianxiKit
import Storage

/// One importer under fuzzing: which seeds feed it, and how a file goes through it.
public struct ImportTarget: Sendable {
    /// The importer's name in reports.
    public let name: String
    /// Whether a seed is a file of this importer's kind.
    public let takes: @Sendable (Seed) -> Bool
    /// Imports the file at `path` into `database`, all or nothing, as a trainer's command does;
    /// throws ``DeckProblems`` for a file it refuses.
    public let importFile: @Sendable (_ path: String, _ database: StudyDatabase) throws -> Void

    /// Creates a target.
    public init(
        name: String, takes: @escaping @Sendable (Seed) -> Bool,
        importFile: @escaping @Sendable (_ path: String, _ database: StudyDatabase) throws -> Void
    ) {
        self.name = name
        self.takes = takes
        self.importFile = importFile
    }

    /// The clock of every import: a few days after the seed bundle was written (so its times
    /// are plausible), and the moment the stored values are judged at.
    public static let clock = Date(timeIntervalSince1970: 1_800_000_000 + 5 * 86_400)

    /// `lianxi deck import FILE` with the format guessed, or forced to `format`.
    static func deckImport(_ name: String, format: DeckFormat?, extensions: [String])
        -> ImportTarget
    {
        ImportTarget(
            name: name,
            takes: { seed in extensions.contains((seed.name as NSString).pathExtension) },
            importFile: { path, database in
                _ = try DeckLibrary.importFiles(
                    [path], into: database, at: clock,
                    options: DeckReadOptions(format: format))
            })
    }

    /// `lianxi import bundle FILE`: a bundle's refusal is reported as the deck importers' are,
    /// so the same checks apply (every problem names the file, nothing changed).
    static let progressBundle = ImportTarget(
        name: "bundle",
        takes: { $0.name.hasSuffix(Seed.bundleSuffix) },
        importFile: { path, database in
            do {
                _ = try BundleImport.importFiles([path], into: database, at: clock)
            } catch let refusal as BundleProblems {
                throw DeckProblems(
                    refusal.problems.flatMap { bundle in
                        bundle.problems.map {
                            DeckProblem(file: bundle.file, line: nil, message: $0)
                        }
                    })
            }
        })

    /// Every importer: each deck format forced, the format guessed from name and bytes, and
    /// progress bundles.
    public static let all: [ImportTarget] = [
        deckImport("guessed", format: nil, extensions: ["tsv", "csv", "txt", "apkg"]),
        deckImport("lianxi", format: .lianxi, extensions: ["tsv"]),
        deckImport("tabular", format: .tabular, extensions: ["csv", "tsv", "txt"]),
        deckImport("ankiText", format: .ankiText, extensions: ["txt", "tsv"]),
        deckImport("pleco", format: .pleco, extensions: ["txt"]),
        deckImport("ankiPackage", format: .ankiPackage, extensions: ["apkg"]),
        progressBundle,
    ]
}
