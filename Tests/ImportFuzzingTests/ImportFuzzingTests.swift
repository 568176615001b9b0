import Foundation
import ImportFuzzing
import LianxiKit
import Testing

/// The short, seeded version of `lianxi-fuzz` that runs with the other tests.
@Suite struct ImportFuzzingTests {
    @Test func aSeededRunOverEveryImporterFindsNothing() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-fuzz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var run = try FuzzRun(
            seeds: try Seed.repositoryFiles(shippedDecks: 1),
            collections: try Seed.ankiCollections(), seed: 2026, folder: folder)
        try run.run(120)
        #expect(run.tally.inputs == 120)
        #expect(run.tally.accepted > 0 && run.tally.rejected > 0)
        #expect(run.tally.forged > 0)
        #expect(Set(run.tally.perTarget.keys) == Set(ImportTarget.all.map(\.name)))
        // Slowness is a measurement of time (CPU time, which a loaded machine still stretches
        // a little): a finding of `lianxi-fuzz`, never a failure of a unit test.
        for finding in run.tally.findings where finding.kind != .slow {
            Issue.record("\(finding)")
        }
    }
}
