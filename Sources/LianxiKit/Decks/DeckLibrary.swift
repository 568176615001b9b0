import Foundation
import Storage

/// What trainers do with deck files: check them, import them all-or-nothing, export them.
public enum DeckLibrary {
    /// Reads every file, collecting every problem of every file (and slugs used twice).
    ///
    /// With a `stream`, the notes of the first file are sent to it as they pass their checks
    /// (see ``DeckReader/read(fileAt:options:notesTo:)``).
    public static func read(
        files: [String], options: DeckReadOptions = DeckReadOptions(),
        notesTo stream: NoteStream? = nil
    ) -> (decks: [(file: String, deck: DeckContent)], problems: [DeckProblem]) {
        var decks: [(file: String, deck: DeckContent)] = []
        var problems: [DeckProblem] = []
        var slugs: [String: String] = [:]
        for file in files {
            do {
                let deck = try DeckReader.read(
                    fileAt: file, options: options, notesTo: file == files.first ? stream : nil)
                if let other = slugs[deck.metadata.slug] {
                    problems.append(
                        DeckProblem(
                            file: file, line: nil,
                            message:
                                "Both this file and \(other) are the deck "
                                + "\"\(deck.metadata.slug)\"; import one of them, or rename one."))
                    continue
                }
                slugs[deck.metadata.slug] = file
                decks.append((file, deck))
            } catch {
                problems += error.problems
            }
        }
        return (decks, problems)
    }

    /// Imports `files` in one transaction: every deck, or — if any file has a problem — none,
    /// with every problem thrown at once.
    public static func importFiles(
        _ files: [String], into database: StudyDatabase, at time: Date,
        options: DeckReadOptions = DeckReadOptions(), dryRun: Bool = false
    ) throws -> [(file: String, summary: DeckImportSummary)] {
        try importFiles(
            files, openingDatabase: { database }, at: time, options: options, dryRun: dryRun)
    }

    /// ``importFiles(_:into:at:options:dryRun:)``, opening the database while the files are read.
    ///
    /// The files are read and checked on another thread while `open` runs and the database
    /// prepares its insert (neither needs the other; opening a new database creates its
    /// schema). A single file's notes are inserted in batches as they pass their checks, while
    /// the rest of the file is read (``NoteStream``); the whole deck is checked before the
    /// commit, and nothing is imported if either side fails.
    ///
    /// When `newFile` gives a database that does not exist yet (``NewDatabaseFile``), the
    /// import is made into it, in memory, and it is written to its place whole after the
    /// commit, instead of `open` being called: its pages are written once, not to a log and
    /// then to the file, and a refused import leaves no file. Should a file appear there
    /// meanwhile, or the new file not be written, the import is made again into the database
    /// `open` gives, as if there had been no new file. Only files of at most
    /// ``largestInputForNewFile`` bytes in all go to a new file in memory.
    public static func importFiles(
        _ files: [String], openingDatabase open: () throws -> StudyDatabase,
        newFile: () throws -> NewDatabaseFile? = { nil }, at time: Date,
        options: DeckReadOptions = DeckReadOptions(), dryRun: Bool = false
    ) throws -> [(file: String, summary: DeckImportSummary)] {
        let reading = Reading()
        let group = DispatchGroup()
        let stream = files.count == 1 ? NoteStream() : nil
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            let result = read(files: files, options: options, notesTo: stream)
            reading.result = result
            // Hashed here, beside the main thread's insert of the last batch: it waits for the
            // end of the stream before it goes on.
            if stream != nil, result.problems.isEmpty {
                reading.contentHash = result.decks.first?.deck.contentHash
            }
            stream?.finish()
        }
        /// The files as read, once they are; their problems thrown if they have any.
        func decks() throws -> [(file: String, deck: DeckContent)] {
            group.wait()
            let (decks, problems) = reading.result ?? read(files: files, options: options)
            guard problems.isEmpty else { throw DeckProblems(problems) }
            return decks
        }
        do {
            let draft = try totalSize(of: files) <= largestInputForNewFile ? newFile() : nil
            let database = try draft?.database ?? open()
            var imported: [(file: String, summary: DeckImportSummary)]
            if let stream, let file = files.first {
                let summary = try database.importDeck(
                    streaming: stream, slug: DeckFileName(path: file).slug, at: time,
                    dryRun: dryRun
                ) {
                    let deck = try decks()[0].deck
                    return (deck, reading.contentHash ?? deck.contentHash)
                }
                imported = [(file, summary)]
            } else {
                try database.prepareToImportDecks()
                let decks = try decks()
                let summaries = try database.importDecks(
                    decks.map(\.deck), at: time, dryRun: dryRun)
                imported = zip(decks, summaries).map { ($0.file, $1) }
            }
            if let draft, try !draft.place() {
                let decks = try decks()
                let summaries = try open().importDecks(decks.map(\.deck), at: time)
                imported = zip(decks, summaries).map { ($0.file, $1) }
            }
            if stream != nil {
                // The deck read is freed on another thread, which has nothing left to do, while
                // this one closes the database: a large deck's notes and their texts take a
                // millisecond or more to free.
                DispatchQueue.global(qos: .userInitiated).async { reading.result = nil }
            }
            return imported
        } catch {
            // The files' problems come first, as if they had been read before anything else.
            stream?.abandon()
            _ = try decks()
            throw error
        }
    }

    /// The most bytes of files whose import makes a new database in memory
    /// (``importFiles(_:openingDatabase:newFile:at:options:dryRun:)``).
    ///
    /// 4 MiB of text is about 100,000 notes, a database of some 14 MiB, held twice (SQLite's
    /// cache and the file's image). A larger import is made in the file, whose cache stays
    /// within 64 MiB.
    public static let largestInputForNewFile = 4 * 1024 * 1024

    /// The files' sizes added up; `Int.max` when one cannot be read (its reader will say why).
    private static func totalSize(of files: [String]) -> Int {
        var total = 0
        var status = stat()
        for file in files {
            guard stat(file, &status) == 0 else { return Int.max }
            total += Int(status.st_size)
        }
        return total
    }

    /// The files read on another thread; `DispatchGroup.wait()` orders the write before the
    /// read.
    private final class Reading: @unchecked Sendable {
        var result: (decks: [(file: String, deck: DeckContent)], problems: [DeckProblem])?
        /// The content hash of the only deck read, when its notes were streamed.
        var contentHash: String?
    }

    /// A deck of the database written in Lianxi's own file format.
    public static func export(_ slug: String, from database: StudyDatabase) throws -> String? {
        try database.deck(slug).map(LianxiDeckFile.text(for:))
    }

    /// One line per import: what was added, changed, retired and restored.
    public static func describe(_ summary: DeckImportSummary, file: String) -> String {
        var parts: [String] = []
        if !summary.added.isEmpty { parts.append("\(summary.added.count) added") }
        if !summary.changed.isEmpty { parts.append("\(summary.changed.count) changed") }
        if !summary.retired.isEmpty {
            parts.append("\(summary.retired.count) retired (their history is kept)")
        }
        if !summary.restored.isEmpty { parts.append("\(summary.restored.count) restored") }
        if summary.unchanged > 0 { parts.append("\(summary.unchanged) unchanged") }
        if summary.recordings > 0 {
            parts.append("\(summary.recordings) recording\(summary.recordings == 1 ? "" : "s")")
        }
        let what = parts.isEmpty ? "no notes" : parts.joined(separator: ", ")
        return "\(file) → \(summary.slug)\(summary.isNewDeck ? " (new deck)" : ""): \(what)"
    }
}
