import Foundation
import LianxiKit
import Testing

/// Inputs that once crashed an importer, found by `lianxi-fuzz` (docs/RELIABILITY.md).
@Suite struct FuzzRegressionTests {
    /// A package whose directory points an entry past the end of the file: ZIPFoundation's
    /// in-memory reader trapped on it ("Range requires lowerBound <= upperBound").
    @Test func aPackageEntryPastTheEndIsRefusedNotACrash() throws {
        let data = try Fixture.data("fuzz-entry-past-end.apkg")
        let error = #expect(throws: DeckProblems.self) {
            try DeckReader.read(data, file: "fuzz-entry-past-end.apkg")
        }
        let problems = try #require(error).problems
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.file == "fuzz-entry-past-end.apkg" })
    }
}
