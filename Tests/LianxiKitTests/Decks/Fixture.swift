import Foundation
import LianxiKit
import Testing

/// The fixture files of these tests, and the decks the package ships.
enum Fixture {
    /// The path of the fixture `name` (in `Tests/LianxiKitTests/Fixtures`).
    static func path(_ name: String) throws -> String {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
            "No fixture named \(name)")
        return url.path
    }

    /// The bytes of the fixture `name`.
    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path(name)))
    }

    /// The repository's `decks/` folder, found from this source file (resources cannot live
    /// outside a target's folder).
    static let decksFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Decks
        .deletingLastPathComponent()  // LianxiKitTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the repository
        .appendingPathComponent("decks")

    /// The file names of the shipped decks, sorted.
    static var shippedDecks: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: decksFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".tsv") }.sorted()
    }
}

/// Checks that `error` holds exactly the problems `expected` (as `file:line: message`), one
/// expectation per problem so a failure shows which one differs.
func expectProblems(
    _ error: DeckProblems?, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation
) {
    let actual = error?.problems.map(\.description) ?? []
    #expect(actual.count == expected.count, "\(actual)", sourceLocation: sourceLocation)
    for (problem, message) in zip(actual, expected) {
        #expect(problem == message, sourceLocation: sourceLocation)
    }
}
