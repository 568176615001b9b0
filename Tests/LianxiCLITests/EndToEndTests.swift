import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import Testing

/// The built program, driven as a person or a script drives it.
@Suite(.serialized) struct EndToEndTests {
    @Test func aSessionInAPseudoTerminal() throws {
        // Given a fresh machine: no database yet
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("data/lianxi.sqlite").path

        // When an associate starts lianxi, reveals, grades, undoes, buries and quits
        let terminal = try PseudoTerminalSession(["--db", path, "--as", "mei"])
        #expect(terminal.waitFor("Space or Enter shows the answer"))
        #expect(terminal.screen.contains("Welcome, mei!"))
        let shipped = try ShippedDecks.files.map { try LianxiDeckFile.read($0.text, file: $0.name) }
        let words = shipped.reduce(0) { $0 + $1.notes.count }
        #expect(terminal.screen.contains("Loaded \(shipped.count) decks (\(words) words)."))
        #expect(terminal.screen.contains("你 好"))
        terminal.clear()
        terminal.type(" ")
        #expect(terminal.waitFor("4 Easy"))
        #expect(terminal.screen.contains("nǐhǎo"))
        #expect(terminal.screen.contains("hello"))
        terminal.clear()
        terminal.type("3")
        #expect(terminal.waitFor("1 done"))
        terminal.clear()
        terminal.type(" ")
        #expect(terminal.waitFor("4 Easy"))
        terminal.clear()
        terminal.type("4")
        #expect(terminal.waitFor("2 done"))
        terminal.clear()
        terminal.type("u")
        #expect(terminal.waitFor("Took back your answer"))
        terminal.clear()
        terminal.type("b")
        #expect(terminal.waitFor("until tomorrow"))
        terminal.clear()
        terminal.type("q")
        #expect(terminal.waitFor("Answered 1 card"))
        #expect(terminal.waitForExit() == 0)

        // Then the database holds exactly the answers given, consistent with their replay
        let database = try StudyDatabase.open(at: path)
        let associate = try #require(try database.associate(named: "mei"))
        let log = try database.reviewLog(for: associate.id)
        #expect(log.map(\.rating) == [.good])
        #expect(try ReplayCheck.mismatches(in: database, for: associate).isEmpty)
        #expect(try database.progress(for: associate.id).values.contains { $0.buriedUntil != nil })
    }

    @Test func aSessionThroughPlainStandardInput() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lianxi.sqlite").path

        let first = try BuiltProgram.run(
            ["--db", path, "--as", "tomas", "--new", "3"], input: "good\n3\n\n4\n")
        #expect(first.status == 0)
        #expect(first.output.contains("Welcome, tomas!"))
        #expect(first.output.contains("你好"))
        #expect(first.output.contains("Answered 3 cards"))

        // A second run the same day: the three new cards are in learning steps; undo works.
        let second = try BuiltProgram.run(
            ["--db", path, "--as", "tomas", "--new", "3"], input: "1\nu\nq\n")
        #expect(second.status == 0)
        #expect(!second.output.contains("Welcome"))

        let database = try StudyDatabase.open(at: path)
        let associate = try #require(try database.associate(named: "tomas"))
        #expect(try database.reviewLog(for: associate.id).map(\.rating) == [.good, .good, .easy])
        #expect(try ReplayCheck.mismatches(in: database, for: associate).isEmpty)

        // `deck list` shows the beginner's path: numbered steps, starter first, the core decks
        // by HSK level, then the themes
        let list = try BuiltProgram.run(["deck", "list", "--db", path], input: "")
        #expect(list.status == 0)
        let steps = list.output.split(separator: "\n").dropFirst().map {
            $0.split(separator: " ").prefix(3).map(String.init)
        }
        #expect(steps.count == ShippedDecks.files.count)
        #expect(steps.first == ["1.", "starter", "starter"])
        #expect(steps.map(\.[0]) == steps.indices.map { "\($0 + 1)." })
        let slugs = steps.map(\.[1])
        #expect(slugs == slugs.sorted { DeckPath(slug: $0) < DeckPath(slug: $1) })
        #expect(slugs.contains("core1-1-people") && slugs.contains("payments"))
        #expect(steps.map(\.[2]).contains("HSK") && steps.last?[2] == "theme")
    }

    /// Issue #15: answers piped faster than a millisecond apart replayed in the order of their
    /// random ids, so `doctor` found the card "not where its answers put it".
    @Test func gradesPipedFasterThanTheClockTicksAreReplayedInTheOrderGiven() throws {
        let folder = try BuiltProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("x.sqlite").path
        let session = try BuiltProgram.run(
            ["review", "--db", path, "--as", "ana", "--new", "1", "--only", "recognition"],
            input: String(repeating: "1\n2\n", count: 50))
        #expect(session.status == 0)
        let doctor = try BuiltProgram.run(["doctor", "--db", path], input: "")
        #expect(doctor.status == 0, "\(doctor.output)")

        let database = try StudyDatabase.open(at: path)
        let associate = try #require(try database.associate(named: "ana"))
        let log = try database.reviewLog(for: associate.id)
        #expect(log.count == 100)
        #expect(
            log.map(\.rating) == Array(Array(repeating: [Rating.again, .hard], count: 50).joined()))
        #expect(zip(log, log.dropFirst()).allSatisfy { $0.reviewedAt < $1.reviewedAt })
    }

    @Test func badOptionsGetAClearMessage() throws {
        let result = try BuiltProgram.run(["--limit", "0"], input: "")
        #expect(result.status != 0)
        #expect(result.output.contains("--limit must be at least 1."))
    }
}
