import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

@Suite struct ProgressBundleTests {
    /// A laptop database: the fixture's deck, one associate, a few days of real sessions.
    private struct Laptop {
        let database: StudyDatabase
        let associate: Associate

        init(name: String, timeZone: String, retention: Double, days: Int, start: Date) throws {
            database = try StudyDatabase.inMemory()
            try database.importDeck(ProgressBundleTests.deck(), at: start)
            var associate = try database.registerAssociate(
                named: name, timeZone: timeZone, at: start
            ).associate
            associate.desiredRetention = retention
            associate.newCardsPerDay = 8
            try database.update(associate)
            self.associate = associate
            try study(associate, in: database, days: days, from: start)
        }

        func bundle(at time: Date) throws -> Data {
            try #require(try ProgressBundle.make(for: associate.name, from: database, at: time))
                .encoded()
        }
    }

    static func deck(leavingOut: Set<String> = []) -> DeckContent {
        DeckContent(
            metadata: DeckMetadata(slug: "test", title: "Test", source: "test.tsv"),
            notes: StudyFixture.words.filter { !leavingOut.contains($0.0) }.map {
                NoteContent(
                    key: $0.0, hanzi: $0.1, pinyin: $0.2, english: $0.3, partOfSpeech: "noun")
            })
    }

    private func write(_ data: Data, named name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    @Test func twoAssociatesMergeIntoTheAcademyTwiceWithExactTotals() throws {
        // Given two associates who studied on their own laptops, in different zones
        let ana = try Laptop(
            name: "ana", timeZone: "Asia/Shanghai", retention: 0.9, days: 6,
            start: StudyFixture.mondayMorning)
        let tomas = try Laptop(
            name: "tomas", timeZone: "Europe/Lisbon", retention: 0.85, days: 4,
            start: StudyFixture.mondayMorning + 9 * 3600)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = [
            try write(ana.bundle(at: .utc(2026, 11, 20)), named: "ana.json", in: folder),
            try write(tomas.bundle(at: .utc(2026, 11, 20)), named: "tomas.json", in: folder),
        ]
        let anaLog = try ana.database.reviewLog(for: ana.associate.id)
        let tomasLog = try tomas.database.reviewLog(for: tomas.associate.id)
        #expect(anaLog.count > 30 && tomasLog.count > 20)

        // And an academy database whose deck lacks one of the notes, with a trainer registered
        let academy = try StudyDatabase.inMemory()
        try academy.importDeck(Self.deck(leavingOut: ["t-008"]), at: .utc(2026, 11, 1))
        _ = try academy.registerAssociate(named: "trainer", timeZone: "UTC", at: .utc(2026, 11, 1))
        let missing = try Set(
            ana.database.cardIds(inDeck: "test")["t-008", default: [:]].values)
        let anaUnknown = anaLog.filter { missing.contains($0.cardId) }.count
        let tomasMissing = try Set(
            tomas.database.cardIds(inDeck: "test")["t-008", default: [:]].values)
        let tomasUnknown = tomasLog.filter { tomasMissing.contains($0.cardId) }.count
        #expect(anaUnknown + tomasUnknown > 0)

        // When the academy imports both bundles, twice
        let first = try BundleImport.importFiles(files, into: academy, at: .utc(2026, 11, 21))
        let second = try BundleImport.importFiles(files, into: academy, at: .utc(2026, 11, 21))

        // Then the first import adds every answer to a known note, the second adds nothing
        #expect(first.map(\.associate) == ["ana", "tomas"])
        #expect(first.map(\.isNewAssociate) == [true, true])
        #expect(first.map(\.added) == [anaLog.count - anaUnknown, tomasLog.count - tomasUnknown])
        #expect(first.map(\.alreadyThere) == [0, 0])
        #expect(first.map(\.notImported) == [anaUnknown, tomasUnknown])
        #expect(second.map(\.added) == [0, 0])
        #expect(second.map(\.alreadyThere) == first.map(\.added))
        #expect(second.map(\.isNewAssociate) == [false, false])
        #expect(
            first.allSatisfy {
                $0.unknownNotes.allSatisfy { $0.deck == "test" && $0.note == "t-008" }
            })

        // And every answer is kept as given, settings came along, states equal the replay
        for laptop in [ana, tomas] {
            let merged = try #require(try academy.associate(named: laptop.associate.name))
            #expect(merged.timeZone == laptop.associate.timeZone)
            #expect(merged.desiredRetention == laptop.associate.desiredRetention)
            #expect(merged.createdAt == laptop.associate.createdAt)
            let kept = try academy.reviewsForExport(associate: merged.name).map {
                [
                    $0.entry.id, $0.noteKey, $0.kind.rawValue,
                    UTCTime.string(from: $0.entry.reviewedAt),
                    "\($0.entry.rating.rawValue)", "\($0.entry.duration ?? -1)",
                ]
            }
            let given = try laptop.database.reviewsForExport(associate: merged.name)
                .filter { $0.noteKey != "t-008" }.map {
                    [
                        $0.entry.id, $0.noteKey, $0.kind.rawValue,
                        UTCTime.string(from: $0.entry.reviewedAt), "\($0.entry.rating.rawValue)",
                        "\($0.entry.duration ?? -1)",
                    ]
                }
            #expect(kept == given)
            #expect(try ReplayCheck.mismatches(in: academy, for: merged).isEmpty)
        }
        #expect(try academy.reviewsForExport().count == first.reduce(0) { $0 + $1.added })
        #expect(
            BundleImport.describe(first[0]).last?.contains(
                "not imported, to notes this database "
                    + "does not have: test/t-008") == (anaUnknown > 0))
    }

    @Test func aMalformedBundleStopsTheWholeImport() throws {
        // Given a good bundle and a broken one
        let ana = try Laptop(
            name: "ana", timeZone: "Asia/Shanghai", retention: 0.9, days: 2,
            start: StudyFixture.mondayMorning)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try write(ana.bundle(at: .utc(2026, 11, 20)), named: "ana.json", in: folder)
        var text = String(decoding: try ana.bundle(at: .utc(2026, 11, 20)), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"rating\" : 3", with: "\"rating\" : 7")
        text = text.replacingOccurrences(
            of: "\"time_zone\" : \"Asia/Shanghai\"", with: "\"time_zone\" : \"Moon/Base\"")
        text = text.replacingOccurrences(
            of: "\"tone_palette\" : \"pleco\"", with: "\"tone_palette\" : \"neon\"")
        let broken = try write(Data(text.utf8), named: "broken.json", in: folder)
        let notJSON = try write(Data("hello".utf8), named: "notes.txt", in: folder)
        let academy = try StudyDatabase.inMemory()
        try academy.importDeck(Self.deck(), at: .utc(2026, 11, 1))

        // When both are imported
        let error = try #require(throws: BundleProblems.self) {
            try BundleImport.importFiles(
                [good, broken, notJSON], into: academy, at: .utc(2026, 11, 21))
        }

        // Then every problem names its file, and nothing was imported
        let lines = error.description.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("\(broken): associate: time_zone \"Moon/Base\"") })
        #expect(
            lines.contains {
                $0.hasPrefix("\(broken): reviews[")
                    && $0.contains("rating must be 1, 2, 3 or 4, got 7")
            })
        #expect(
            lines.contains(
                "\(broken): associate.tone_palette \"neon\" is not pleco, dummitt, hanping or plain"
            ))
        #expect(lines.contains("\(notJSON): not a progress bundle (not valid JSON)"))
        #expect(!lines.contains { $0.hasPrefix(good) })
        #expect(try academy.associates().isEmpty)
        #expect(try academy.reviewsForExport().isEmpty)
    }

    @Test(arguments: [
        ("{\"format\": \"something-else\", \"version\": 1}", "not a progress bundle"),
        ("[1, 2]", "expected an object"),
        ("{}", "not a progress bundle"),
        (
            "{\"format\": \"lianxi-progress-bundle\", \"version\": 1, \"reviews\": []}",
            "\"associate\" is missing"
        ),
        (
            "{\"format\": \"lianxi-progress-bundle\", \"version\": \"one\"}",
            "version: expected a whole number"
        ),
    ])
    func otherJSONIsRefusedWithItsReason(_ text: String, reason: String) throws {
        let error = try #require(throws: BundleProblem.self) {
            try ProgressBundle.decode(Data(text.utf8), file: "x.json", readAt: .utc(2026, 11, 21))
        }
        #expect(error.description.hasPrefix("x.json: "))
        #expect(error.description.contains(reason))
    }

    @Test func aNewerVersionIsRefusedWithAdvice() throws {
        let ana = try Laptop(
            name: "ana", timeZone: "Asia/Shanghai", retention: 0.9, days: 1,
            start: StudyFixture.mondayMorning)
        let text = String(decoding: try ana.bundle(at: .utc(2026, 11, 20)), as: UTF8.self)
            .replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 2")
        let error = try #require(throws: BundleProblem.self) {
            try ProgressBundle.decode(Data(text.utf8), file: "ana.json", readAt: .utc(2026, 11, 21))
        }
        #expect(
            error.description
                == "ana.json: written in bundle version 2, which this Lianxi cannot read "
                + "(it reads version 1); update Lianxi")
    }

    @Test func aBundleReadsBackAsWrittenAndIsByteStable() throws {
        let ana = try Laptop(
            name: "ana", timeZone: "Asia/Shanghai", retention: 0.88, days: 3,
            start: StudyFixture.mondayMorning)
        let data = try ana.bundle(at: .utc(2026, 11, 20, 12))

        let bundle = try ProgressBundle.decode(data, file: "ana.json", readAt: .utc(2026, 11, 21))

        #expect(try bundle.encoded() == data)
        #expect(try ana.bundle(at: .utc(2026, 11, 20, 12)) == data)
        #expect(bundle.associate == ProgressBundle.Settings(ana.associate))
        #expect(bundle.reviews.count == (try ana.database.reviewLog(for: ana.associate.id).count))
        let text = String(decoding: data, as: UTF8.self)
        #expect(
            text.hasPrefix(
                "{\n  \"associate\" : {\n    \"created_at\" : \"2026-11-02T01:00:00.000Z\","))
        #expect(text.contains("\"exported_at\" : \"2026-11-20T12:00:00.000Z\""))
        #expect(text.contains("\"format\" : \"lianxi-progress-bundle\""))
    }

    /// Ana's laptop after a day of study, with sound and listening set as given.
    private static func ana(playsAudio: Bool, studiesListening: Bool) throws -> Laptop {
        let ana = try Laptop(
            name: "ana", timeZone: "Asia/Shanghai", retention: 0.9, days: 1,
            start: StudyFixture.mondayMorning)
        var settings = ana.associate
        settings.playsAudio = playsAudio
        settings.studiesListening = studiesListening
        try ana.database.update(settings)
        return ana
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func soundAndListeningTravelToANewDatabase(playsAudio: Bool, studiesListening: Bool) throws {
        // Given an associate with these settings on their laptop
        let ana = try Self.ana(playsAudio: playsAudio, studiesListening: studiesListening)
        let data = try ana.bundle(at: .utc(2026, 11, 20))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"play_audio\" : \(playsAudio)"))
        #expect(text.contains("\"listening\" : \(studiesListening)"))

        // When another database imports the bundle
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try write(data, named: "ana.json", in: folder)
        let academy = try StudyDatabase.inMemory()
        try academy.importDeck(Self.deck(), at: .utc(2026, 11, 1))
        _ = try BundleImport.importFiles([file], into: academy, at: .utc(2026, 11, 21))

        // Then the new associate has them
        let merged = try #require(try academy.associate(named: "ana"))
        #expect(merged.playsAudio == playsAudio)
        #expect(merged.studiesListening == studiesListening)
    }

    @Test func aBundleWrittenBeforeSoundAndListeningTravelledReadsThemAsOff() throws {
        let ana = try Self.ana(playsAudio: true, studiesListening: true)
        let text = String(decoding: try ana.bundle(at: .utc(2026, 11, 20)), as: UTF8.self)
        let older = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("\"play_audio\"") && !$0.contains("\"listening\"") }
            .joined(separator: "\n")
        #expect(older.count < text.count)

        let bundle = try ProgressBundle.decode(
            Data(older.utf8), file: "ana.json", readAt: .utc(2026, 11, 21))

        #expect(!bundle.associate.playsAudio)
        #expect(!bundle.associate.studiesListening)
    }

    /// Numbers no real bundle holds: each is refused, naming the field, and nothing is stored.
    /// (Before, a duration of 9,223,372,036,854,775,000 ms imported, and `lianxi stats`
    /// showed 2,562,047,788,015 hours studied.)
    @Test(arguments: [
        (
            "reviews", "duration_ms", "9223372036854775000",
            "reviews[0].duration_ms is 9223372036854775000 ms, more than a day (86400000 ms)"
        ),
        ("reviews", "duration_ms", "86400001", "reviews[0].duration_ms is 86400001 ms"),
        ("reviews", "duration_ms", "-1", "reviews[0].duration_ms cannot be negative, got -1"),
        (
            "reviews", "reviewed_at", #""1970-01-01T00:00:00.000Z""#,
            "reviews[0].reviewed_at 1970-01-01T00:00:00.000Z is before 2000"
        ),
        (
            "reviews", "reviewed_at", #""2026-11-22T00:00:00.001Z""#,
            "reviews[0].reviewed_at 2026-11-22T00:00:00.001Z is more than a day after this"
                + " computer's clock (2026-11-21T00:00:00.000Z)"
        ),
        (
            "reviews", "reviewed_at", #""9999-12-31T23:59:59.999Z""#,
            "reviews[0].reviewed_at 9999-12-31T23:59:59.999Z is more than a day after"
        ),
        (
            "associate", "created_at", #""1999-12-31T23:59:59.999Z""#,
            "associate.created_at 1999-12-31T23:59:59.999Z is before 2000"
        ),
        ("", "exported_at", #""2030-01-01T00:00:00.000Z""#, "exported_at 2030-01-01"),
        ("reviews", "rating", "1e300", "reviews[0].rating must be a whole number, got 1e+300"),
        (
            "reviews", "duration_ms", #""5000""#,
            #"reviews[0].duration_ms must be a whole number, got the text "5000""#
        ),
        (
            "reviews", "duration_ms", "1e400",
            "reviews[0].duration_ms must be a whole number, got a list, an object or a number"
        ),
        (
            "reviews", "duration_ms", "[]",
            "reviews[0].duration_ms must be a whole number, got a list"
        ),
        (
            "associate", "rollover_hour", "9223372036854775807",
            "associate: rollover_hour must be an hour from 0 to 23, got 9223372036854775807"
        ),
        (
            "associate", "desired_retention", "1e400",
            "associate.desired_retention must be a number, got a list, an object or a number too"
        ),
        (
            "associate", "fsrs_parameters", "[" + String(repeating: "0.5,", count: 20) + "1e300]",
            "associate.fsrs_parameters"
        ),
        (
            "associate", "new_cards_per_day", "-5",
            "associate: new_cards_per_day must be from 0 to 9999, got -5"
        ),
    ])
    func implausibleNumbersAreRefused(
        _ section: String, _ field: String, _ value: String, _ message: String
    ) throws {
        // Given a real bundle with one value replaced by the JSON text `value`
        let ana = try Laptop(
            name: "ana", timeZone: "Asia/Shanghai", retention: 0.9, days: 2,
            start: StudyFixture.mondayMorning)
        var json = try #require(
            try JSONSerialization.jsonObject(with: ana.bundle(at: .utc(2026, 11, 20)))
                as? [String: Any])
        switch section {
        case "reviews":
            var reviews = try #require(json["reviews"] as? [[String: Any]])
            reviews[0][field] = "@value@"
            json["reviews"] = reviews
        case "associate":
            var associate = try #require(json["associate"] as? [String: Any])
            associate[field] = "@value@"
            json["associate"] = associate
        default:
            json[field] = "@value@"
        }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
            .replacingOccurrences(of: "\"@value@\"", with: value)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try write(Data(text.utf8), named: "ana.json", in: folder)
        let academy = try StudyDatabase.inMemory()
        try academy.importDeck(Self.deck(), at: .utc(2026, 11, 1))
        let before = try academy.contentFingerprint()

        // When it is imported on 21 November 2026
        let error = try #require(throws: BundleProblems.self) {
            try BundleImport.importFiles([file], into: academy, at: .utc(2026, 11, 21))
        }

        // Then the value is named, and nothing changed
        #expect(error.description.contains("\(file): \(message)"))
        #expect(try academy.contentFingerprint() == before)
    }

    @Test func theLimitsThemselvesAreAccepted() throws {
        // A day-long answer at 2000-01-01 and one a day after the clock, read on 21 November
        let ana = try Laptop(
            name: "ana", timeZone: "Asia/Shanghai", retention: 0.9, days: 1,
            start: StudyFixture.mondayMorning)
        var json = try #require(
            try JSONSerialization.jsonObject(with: ana.bundle(at: .utc(2026, 11, 20)))
                as? [String: Any])
        var reviews = try #require(json["reviews"] as? [[String: Any]])
        reviews[0]["duration_ms"] = 86_400_000
        reviews[0]["reviewed_at"] = "2000-01-01T00:00:00.000Z"
        reviews[1]["duration_ms"] = 0
        reviews[1]["reviewed_at"] = "2026-11-22T00:00:00.000Z"
        json["reviews"] = reviews

        let bundle = try ProgressBundle.decode(
            JSONSerialization.data(withJSONObject: json), file: "ana.json",
            readAt: .utc(2026, 11, 21))

        #expect(bundle.reviews.first?.durationMs == 86_400_000)
        #expect(bundle.reviews.last?.reviewedAt == .utc(2026, 11, 22))
    }

    @Test func answersAlreadyFiledUnderAnotherAssociateAreRefused() throws {
        let ana = try Laptop(
            name: "ana", timeZone: "Asia/Shanghai", retention: 0.9, days: 1,
            start: StudyFixture.mondayMorning)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try ana.bundle(at: .utc(2026, 11, 20))
        let original = try write(data, named: "ana.json", in: folder)
        let renamed = try write(
            Data(
                String(decoding: data, as: UTF8.self)
                    .replacingOccurrences(of: "\"name\" : \"ana\"", with: "\"name\" : \"ana2\"")
                    .utf8), named: "ana2.json", in: folder)
        let academy = try StudyDatabase.inMemory()
        try academy.importDeck(Self.deck(), at: .utc(2026, 11, 1))
        _ = try BundleImport.importFiles([original], into: academy, at: .utc(2026, 11, 21))

        let error = try #require(throws: BundleProblems.self) {
            try BundleImport.importFiles([renamed], into: academy, at: .utc(2026, 11, 21))
        }

        #expect(error.description.contains("already in this database as answers of ana"))
        #expect(try academy.associate(named: "ana2") == nil)
    }

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-bundles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
