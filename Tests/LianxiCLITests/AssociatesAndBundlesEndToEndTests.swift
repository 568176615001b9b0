import Foundation
import LianxiKit
import Storage
import Testing

/// `lianxi associate`, `export` and `import bundle`, run as whole processes.
@Suite(.serialized) struct AssociatesAndBundlesEndToEndTests {
    @Test func associatesAreAddedListedAndRefusedClearly() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("lianxi.sqlite").path

        let added = try BuiltProgram.run(
            [
                "associate", "add", "ana", "--db", db, "--display-name", "Ana Souza",
                "--time-zone", "Asia/Shanghai", "--retention", "0.98", "--palette", "hanping",
            ], input: "")
        #expect(added.status == 0)
        #expect(added.output.contains("Added ana (Ana Souza)."))
        #expect(added.output.contains("Warning: A desired retention of 0.98"))

        let again = try BuiltProgram.run(["associate", "add", "ana", "--db", db], input: "")
        #expect(again.status != 0)
        #expect(again.output.contains("There is already an associate \"ana\""))

        let bad = try BuiltProgram.run(
            ["associate", "set", "ana", "--db", db, "--rollover-hour", "24", "--retention", "1"],
            input: "")
        #expect(bad.status != 0)
        #expect(bad.output.contains("--rollover-hour must be an hour from 0 to 23, got 24."))
        #expect(bad.output.contains("--retention must lie between 0.70 and 0.99, got 1.0."))

        let unknown = try BuiltProgram.run(
            ["associate", "set", "bo", "--db", db, "--new-per-day", "5"], input: "")
        #expect(unknown.status != 0)
        #expect(unknown.output.contains("There is no associate \"bo\". Associates: ana."))

        let list = try BuiltProgram.run(["associate", "list", "--db", db], input: "")
        #expect(list.status == 0)
        #expect(
            list.output == """
                name  display name  time zone      day starts  retention  new/day  reviews/day  scheduler  palette  leeches  play audio  listening
                ana   Ana Souza     Asia/Shanghai  04:00            0.98       20          200  fsrs       hanping  tag      off         off

                """)
    }

    @Test func aBundleTravelsFromALaptopToTheAcademy() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let laptop = folder.appendingPathComponent("laptop.sqlite").path
        let academy = folder.appendingPathComponent("academy.sqlite").path
        let bundle = folder.appendingPathComponent("ana.json").path

        // Given ana, registered and studying on her laptop
        let added = try BuiltProgram.run(
            ["associate", "add", "ana", "--db", laptop, "--time-zone", "Asia/Shanghai"], input: "")
        #expect(added.status == 0)
        let session = try BuiltProgram.run(
            ["--db", laptop, "--as", "ana", "--new", "3"], input: "good\n3\n\n4\n")
        #expect(session.status == 0)
        let laptopDatabase = try StudyDatabase.open(at: laptop)
        let ana = try #require(try laptopDatabase.associate(named: "ana"))
        let answers = try laptopDatabase.reviewLog(for: ana.id).count
        #expect(answers == 3)

        // When she exports a bundle and the academy, which has the shipped decks, imports it twice
        let exported = try BuiltProgram.run(
            ["export", "bundle", "--db", laptop, "--as", "ana", "--out", bundle], input: "")
        #expect(exported.status == 0)
        #expect(exported.output.contains("Wrote ana's settings and 3 answers to \(bundle)."))
        let setUp = try BuiltProgram.run(["--db", academy, "--as", "trainer"], input: "q\n")
        #expect(setUp.status == 0)
        let first = try BuiltProgram.run(["import", "bundle", "--db", academy, bundle], input: "")
        let second = try BuiltProgram.run(["import", "bundle", "--db", academy, bundle], input: "")

        // Then the first adds her answers, the second nothing, and the states equal the replay
        #expect(first.status == 0)
        #expect(
            first.output == "\(bundle): ana (registered now): 3 answers added, 0 already there.\n")
        #expect(second.output == "\(bundle): ana: 0 answers added, 3 already there.\n")
        let academyDatabase = try StudyDatabase.open(at: academy)
        let merged = try #require(try academyDatabase.associate(named: "ana"))
        #expect(merged.timeZone == "Asia/Shanghai")
        #expect(
            try academyDatabase.reviewLog(for: merged.id).map(\.id)
                == laptopDatabase.reviewLog(for: ana.id).map(\.id))
        #expect(try ReplayCheck.mismatches(in: academyDatabase, for: merged).isEmpty)

        // And the review export lists them, one row each after the header
        let csv = try BuiltProgram.run(
            ["export", "reviews", "--db", academy, "--associate", "ana"], input: "")
        #expect(csv.status == 0)
        let rows = csv.output.split(separator: "\r\n")
        #expect(rows.count == 4)
        #expect(rows.first == "\u{FEFF}" + ReviewExport.columns.joined(separator: ","))
        #expect(rows.dropFirst().allSatisfy { $0.hasPrefix("ana,") })

        // And --out writes the same bytes to a file, leaving no temporary file behind
        let file = folder.appendingPathComponent("reviews.csv")
        let written = try BuiltProgram.run(
            ["export", "reviews", "--db", academy, "--associate", "ana", "--out", file.path],
            input: "")
        #expect(written.status == 0)
        #expect(try Data(contentsOf: file) == Data(csv.output.utf8))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { !$0.hasPrefix("academy.sqlite") && !$0.hasPrefix("laptop.sqlite") }
                .sorted() == ["ana.json", "reviews.csv"])
    }

    @Test func aBrokenBundleImportsNothing() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("lianxi.sqlite").path
        let broken = folder.appendingPathComponent("broken.json").path
        try Data("{\"format\": \"lianxi-progress-bundle\", \"version\": 1}".utf8)
            .write(to: URL(fileURLWithPath: broken))

        let result = try BuiltProgram.run(["import", "bundle", "--db", db, broken], input: "")

        #expect(result.status != 0)
        #expect(result.output.contains("\(broken): \"associate\" is missing"))
        #expect(result.output.contains("Nothing was imported"))
        #expect(try StudyDatabase.open(at: db).associates().isEmpty)
    }

    @Test func aBundleWithAnImplausibleDurationIsRefused() throws {
        // Given a real bundle whose first answer claims 9,223,372,036,854,775,000 ms (before,
        // it imported and `lianxi stats` showed 2,562,047,788,015 hours studied)
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let laptop = folder.appendingPathComponent("laptop.sqlite").path
        let academy = folder.appendingPathComponent("academy.sqlite").path
        let bundle = folder.appendingPathComponent("ana.json").path
        let session = try BuiltProgram.run(
            ["--db", laptop, "--as", "ana", "--new", "1"], input: "good\n")
        #expect(session.status == 0)
        let exported = try BuiltProgram.run(
            ["export", "bundle", "--db", laptop, "--as", "ana", "--out", bundle], input: "")
        #expect(exported.status == 0)
        let text = try String(contentsOfFile: bundle, encoding: .utf8)
        let forged = text.replacingOccurrences(
            of: #""duration_ms" : [0-9]+"#, with: #""duration_ms" : 9223372036854775000"#,
            options: .regularExpression)
        #expect(forged != text)
        try Data(forged.utf8).write(to: URL(fileURLWithPath: bundle))

        // When the academy imports it
        let result = try BuiltProgram.run(["import", "bundle", "--db", academy, bundle], input: "")

        // Then it is refused, naming the value, and nothing is stored
        #expect(result.status != 0)
        #expect(
            result.output.contains(
                "\(bundle): reviews[0].duration_ms is 9223372036854775000 ms, more than a day"))
        #expect(result.output.contains("Nothing was imported"))
        #expect(try StudyDatabase.open(at: academy).associates().isEmpty)
    }
}
