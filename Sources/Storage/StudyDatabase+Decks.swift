import Foundation
import GRDB

/// A deck as `deck list` shows it.
public struct DeckSummary: Hashable, Sendable {
    /// Slug, title, description, version and source.
    public let metadata: DeckMetadata
    /// Notes in the deck now.
    public let activeNotes: Int
    /// Notes that left the deck in a later import (their history is kept).
    public let retiredNotes: Int
    /// When the deck was last imported.
    public let importedAt: Date
    /// The fingerprint of the content last imported.
    public let contentHash: String
}

extension StudyDatabase {
    /// Imports `deck` in one transaction: adds new notes with their cards, updates changed
    /// notes in place by key (every associate's progress is kept), retires notes that are no
    /// longer in the deck and restores retired ones that came back.
    ///
    /// With `dryRun`, reports what would change and leaves the database as it was.
    @discardableResult
    public func importDeck(
        _ deck: DeckContent, at time: Date, dryRun: Bool = false
    ) throws -> DeckImportSummary {
        try importDecks([deck], at: time, dryRun: dryRun)[0]
    }

    /// Imports several decks in one transaction: all of them, or none if any fails.
    ///
    /// The decks' content hashes are computed on another thread while their notes are
    /// inserted: hashing every byte of a 10,000-note deck was 8 % of the transaction, and
    /// nothing before the end of a deck's import needs its hash.
    @discardableResult
    public func importDecks(
        _ decks: [DeckContent], at time: Date, dryRun: Bool = false
    ) throws -> [DeckImportSummary] {
        let hashes = ContentHashes(of: decks)
        for deck in decks { try Self.checkKeysAreUnique(in: deck) }
        return try writer.writeWithoutTransaction { db in
            var summaries: [DeckImportSummary] = []
            try db.withStatementJournalsInMemory {
                try db.inTransaction {
                    summaries = try decks.indices.map { index in
                        try Self.importDeck(
                            decks[index], contentHash: { hashes.value[index] }, at: time, in: db)
                    }
                    return dryRun ? .rollback : .commit
                }
            }
            return summaries
        }
    }

    /// Imports the deck that `read` gives with its ``DeckContent/contentHash``, in one transaction, inserting its first notes as
    /// `stream` hands them over while the rest of its file is read (on another thread, which
    /// sends them and finishes the stream).
    ///
    /// The notes are inserted as they come only into a deck new to the database whose slug is
    /// `slug`; then the rest of the import waits for `read`, which gives the whole deck or
    /// throws its problems, and any problem rolls everything back. Otherwise (the deck is in
    /// the database already, or the file names another slug) the batches are set aside and the
    /// deck is imported as ``importDecks(_:at:dryRun:)`` imports it: the outcome is the same
    /// either way.
    public func importDeck(
        streaming stream: NoteStream, slug: String, at time: Date, dryRun: Bool = false,
        read: () throws -> (deck: DeckContent, contentHash: String)
    ) throws -> DeckImportSummary {
        do {
            return try writer.writeWithoutTransaction { db in
                var summaries: [DeckImportSummary] = []
                try db.withStatementJournalsInMemory {
                    try db.inTransaction {
                        summaries = [
                            try Self.importDeck(
                                streaming: stream, slug: slug, at: time, read: read, in: db)
                        ]
                        return dryRun ? .rollback : .commit
                    }
                }
                return summaries[0]
            }
        } catch NotStreamed.deck(let deck) {
            return try importDecks([deck], at: time, dryRun: dryRun)[0]
        }
    }

    /// A streamed import that gave the deck back to the usual one, rolling back what it did.
    private enum NotStreamed: Error {
        case deck(DeckContent)
    }

    /// The streamed import within the transaction of `db`
    /// (``importDeck(streaming:slug:at:dryRun:read:)``).
    private static func importDeck(
        streaming stream: NoteStream, slug: String, at time: Date,
        read: () throws -> (deck: DeckContent, contentHash: String), in db: Database
    ) throws -> DeckImportSummary {
        let isNew = try DeckRecord.filter(Column("slug") == slug).fetchOne(db) == nil
        if isNew {
            try RawInsert.prepare(
                db, rowsPerStatement: notesPerStatement, sql: insertNotesSQL(rows:))
        } else {
            // The batches will be set aside: the reader need not send them, nor bind them.
            stream.abandon()
        }
        var record: DeckRecord?
        var deckId: Int64 = 0
        var insert: RawInsert?
        var inserted = 0
        // The reader's problems come before any of the inserts': a failed insert stops the
        // inserting, and the stream is still drained so that the reader never waits.
        var insertError: (any Error)?
        while let batch = stream.next() {
            guard isNew, insertError == nil else { continue }
            do {
                if record == nil {
                    var placeholder = DeckRecord(
                        DeckMetadata(slug: slug, title: slug, source: ""), contentHash: "",
                        importedAt: time)
                    try placeholder.insert(db)
                    record = placeholder
                    deckId = placeholder.id ?? db.lastInsertedRowID
                    insert = noteInsert(deckId: deckId, in: db)
                }
                if batch.rows.isEmpty {
                    for (offset, content) in batch.notes.enumerated() {
                        try insert?.row {
                            bindNote(content, position: inserted + offset, in: &$0)
                        }
                    }
                } else {
                    for rows in batch.rows {
                        try insert?.rows(rows)
                    }
                }
                inserted += batch.notes.count
            } catch {
                insertError = error
            }
        }
        let (deck, contentHash) = try read()
        if let insertError { throw insertError }
        guard var record, var insert, deck.metadata.slug == slug, inserted <= deck.notes.count
        else {
            throw NotStreamed.deck(deck)
        }
        try checkKeysAreUnique(in: deck)
        for position in deck.notes.indices.dropFirst(inserted) {
            try insert.row { bindNote(deck.notes[position], position: position, in: &$0) }
        }
        try insert.finish()
        try storeRecordings(of: deck, deckId: deckId, in: db)
        record.metadata = deck.metadata
        record.contentHash = contentHash
        try record.update(db)
        return DeckImportSummary(
            slug: deck.metadata.slug, isNewDeck: true, added: deck.notes.map(\.key), changed: [],
            retired: [], restored: [], unchanged: 0, recordings: deck.recordings.count)
    }

    /// Throws ``DeckImportError/duplicateKey(_:deck:)`` for the first key of `deck` that an
    /// earlier note has: keys compared as the UNIQUE index compares them, byte for byte (and
    /// hashed that way: hashing a String normalises its Unicode first).
    private static func checkKeysAreUnique(in deck: DeckContent) throws {
        var keys = Set<StoredText>(minimumCapacity: deck.notes.count)
        for note in deck.notes where !keys.insert(StoredText(note.key)).inserted {
            throw DeckImportError.duplicateKey(note.key, deck: deck.metadata.slug)
        }
    }

    /// Prepares the statement that inserts new notes, so that an import that follows need not:
    /// ``importDecks(_:at:dryRun:)`` does the same work without it (for ``DeckLibrary``, which
    /// calls it while the files are still being read).
    public func prepareToImportDecks() throws {
        try writer.writeWithoutTransaction { db in
            try RawInsert.prepare(
                db, rowsPerStatement: Self.notesPerStatement, sql: Self.insertNotesSQL(rows:))
        }
    }

    /// Imports `deck` within the transaction of `db`; `contentHash` gives its
    /// ``DeckContent/contentHash`` when it is computed elsewhere, and is asked for only once the
    /// notes are in.
    static func importDeck(
        _ deck: DeckContent, contentHash: (() -> String)? = nil, at time: Date, in db: Database
    ) throws -> DeckImportSummary {
        // The hash is written last, once known; the row must exist first for its notes.
        var record =
            try DeckRecord.filter(Column("slug") == deck.metadata.slug).fetchOne(db)
            ?? DeckRecord(deck.metadata, contentHash: "", importedAt: time)
        let isNewDeck = record.id == nil
        record.metadata = deck.metadata
        record.importedAt = time
        try record.save(db)
        let deckId = record.id ?? db.lastInsertedRowID

        var existing = Dictionary(
            uniqueKeysWithValues: try NoteRecord.filter(NoteRecord.Columns.deckId == deckId)
                .fetchAll(db).map { (StoredText($0.key), $0) })
        var added: [Int] = []  // positions in `deck.notes`
        var changed: [String] = []
        var restored: [String] = []
        var unchanged = 0
        // A deck new to the database (or emptied) only adds: no note to look up by key.
        let onlyAdds = existing.isEmpty
        if onlyAdds {
            added = Array(deck.notes.indices)
        }
        let takeovers = onlyAdds ? [:] : formerKeyTakeovers(deck, existing: existing)
        for (position, content) in deck.notes.enumerated() where !onlyAdds {
            let stored =
                existing.removeValue(forKey: StoredText(content.key))
                ?? takeovers[position].flatMap { existing.removeValue(forKey: $0) }
            guard var note = stored else {
                added.append(position)
                continue
            }
            let wasRetired = note.retiredAt != nil
            let isSame = note.content == content && note.position == position
            // A note taken over from its former key changes its key, not what anyone sees.
            var underStoredKey = content
            underStoredKey.key = note.key
            if wasRetired {
                restored.append(content.key)
            } else if note.content != underStoredKey {
                changed.append(content.key)
            } else {
                unchanged += 1
            }
            if !isSame || wasRetired {
                note.content = content
                note.position = position
                note.retiredAt = nil
                try note.update(db)
            }
        }
        try insertNotes(added.lazy.map { ($0, deck.notes[$0]) }, deckId: deckId, in: db)
        try storeRecordings(of: deck, deckId: deckId, in: db)
        var retired: [String] = []
        for var note in existing.values where note.retiredAt == nil {
            note.retiredAt = time
            try note.update(db)
            retired.append(note.key)
        }
        record.contentHash = contentHash?() ?? deck.contentHash
        try record.update(db)
        return DeckImportSummary(
            slug: deck.metadata.slug, isNewDeck: isNewDeck, added: added.map { deck.notes[$0].key },
            changed: changed,
            retired: retired.sorted(), restored: restored, unchanged: unchanged,
            recordings: deck.recordings.count)
    }

    /// Which stored note each note of `deck` takes over from its former key (by position in the
    /// deck): only notes that no key of the deck matches, each by one note at most; among the
    /// notes naming the same former key, the one with the stored reading comes first, then the
    /// first in the file.
    private static func formerKeyTakeovers(
        _ deck: DeckContent, existing: [StoredText: NoteRecord]
    ) -> [Int: StoredText] {
        guard !deck.formerKeys.isEmpty else { return [:] }
        let keys = Set(deck.notes.map { StoredText($0.key) })
        var claims: [StoredText: Int] = [:]
        for (position, content) in deck.notes.enumerated() {
            guard deck.formerKeys.indices.contains(position),
                let former = deck.formerKeys[position].map(StoredText.init),
                existing[StoredText(content.key)] == nil,
                !keys.contains(former), let stored = existing[former]
            else { continue }
            if let claimant = claims[former] {
                let claimantReads = deck.notes[claimant].pinyin == stored.content.pinyin
                if claimantReads || content.pinyin != stored.content.pinyin { continue }
            }
            claims[former] = position
        }
        var takeovers: [Int: StoredText] = [:]
        for (former, position) in claims { takeovers[position] = former }
        return takeovers
    }

    /// Inserts new notes, many to a statement, bound with SQLite's own functions.
    ///
    /// A deck of 10,000 notes is 140,000 values, and boxing each as a database value costs more
    /// than SQLite's insert (``RawInsert``). Their cards get rows when first studied
    /// (``CardNumbering``).
    ///
    /// 250 notes to a statement (3,251 values): within the transaction, each statement first
    /// copies every page it changes that was there when it started to its statement journal,
    /// so that it can be undone alone, and the keys come in no order, so each statement changes
    /// most pages of the key index (a 10,000-note deck: about 700 pages with 1,000 notes to a
    /// statement, 7,150 with 100). That journal is kept in memory, where a page costs a copy
    /// (``Database/withStatementJournalsInMemory(_:)``), while preparing a statement costs in
    /// proportion to its rows: about 27 M instructions for 1,000 rows, on the import's path.
    private static func insertNotes(
        _ notes: some Sequence<(position: Int, content: NoteContent)>, deckId: Int64,
        in db: Database
    ) throws {
        var insert = noteInsert(deckId: deckId, in: db)
        for (position, content) in notes {
            try insert.row { bindNote(content, position: position, in: &$0) }
        }
        try insert.finish()
    }

    /// The insert of new notes into the deck `deckId`.
    private static func noteInsert(deckId: Int64, in db: Database) -> RawInsert {
        RawInsert(
            db, rowsPerStatement: notesPerStatement, leading: [deckId], sql: insertNotesSQL(rows:))
    }

    /// The rows of ``insertNotesSQL(rows:)`` for `notes`, the first at `position` in its deck,
    /// a statement's worth in each but the last.
    ///
    /// A ``NoteStream`` binds them on the thread that reads the file: the thread that inserts
    /// them is the longer of the two.
    static func noteRows(_ notes: [NoteContent], from position: Int) -> [RawInsert.Rows] {
        stride(from: 0, to: notes.count, by: notesPerStatement).map { start in
            let end = min(start + notesPerStatement, notes.count)
            var rows = RawInsert.Rows(
                capacity: end - start, valuesPerRow: 13,
                textBytes: notes[start..<end].reduce(0) { $0 + textBytes(of: $1) })
            for offset in start..<end {
                rows.append { bindNote(notes[offset], position: position + offset, in: &$0) }
            }
            return rows
        }
    }

    /// The bytes of the texts ``bindNote(_:position:in:)`` binds for `content`, but its tags.
    private static func textBytes(of content: NoteContent) -> Int {
        content.key.utf8.count + content.hanzi.utf8.count + content.traditional.utf8.count
            + content.pinyin.utf8.count + content.english.utf8.count
            + content.partOfSpeech.utf8.count + content.measureWord.utf8.count
            + (content.example.map {
                $0.hanzi.utf8.count + $0.pinyin.utf8.count + $0.english.utf8.count
            } ?? 0)
    }

    /// Binds the values of one row of ``insertNotesSQL(rows:)`` after its deck's id.
    private static func bindNote(
        _ content: NoteContent, position: Int, in row: inout RawInsert.Values
    ) {
        row.bind(content.key)
        row.bind(content.hanzi)
        row.bind(content.traditional)
        row.bind(content.pinyin)
        row.bind(content.english)
        row.bind(content.partOfSpeech)
        row.bind(content.measureWord)
        row.bind(content.example?.hanzi ?? "")
        row.bind(content.example?.pinyin ?? "")
        row.bind(content.example?.english ?? "")
        row.bind(content.hskLevel?.rawValue)
        row.bind(
            content.tags.count <= 1 ? content.tags.first ?? "" : content.tags.joined(separator: " ")
        )
        row.bind(Int64(position))
    }

    /// The notes inserted by one statement (see ``insertNotes(_:deckId:in:)``).
    private static let notesPerStatement = 250

    /// An INSERT of `rows` notes into one deck: the deck's id is the first parameter, `?1`,
    /// in every row (a `?` is numbered one past the largest number before it), so that it is
    /// bound once a statement.
    private static func insertNotesSQL(rows: Int) -> String {
        let row = "(?1, " + Array(repeating: "?", count: 13).joined(separator: ", ") + ")"
        return """
            INSERT INTO note (deck_id, key, hanzi, traditional, pinyin, english, part_of_speech,
                measure_word, example_hanzi, example_pinyin, example_english, hsk_level, tags,
                position)
            VALUES \(Array(repeating: row, count: rows).joined(separator: ", "))
            """
    }

    /// Every deck with its note counts, in the order of the beginner's path (``DeckPath``).
    public func decks() throws -> [DeckSummary] {
        try writer.read { db in
            // Counted from the two partial indexes (active notes, retired notes): neither reads
            // a note's row.
            var active: [Int64: Int] = [:]
            var retired: [Int64: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT deck_id, count(*) FROM note INDEXED BY active_note_in_deck_order
                    WHERE retired_at_ms IS NULL GROUP BY deck_id
                    """)
            {
                active[row[0]] = row[1]
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT deck_id, count(*) FROM note INDEXED BY retired_note
                    WHERE retired_at_ms IS NOT NULL GROUP BY deck_id
                    """)
            {
                retired[row[0]] = row[1]
            }
            return try DeckRecord.fetchAll(db).sorted(by: { $0.path < $1.path }).map { record in
                let id = record.id ?? 0
                return DeckSummary(
                    metadata: record.metadata, activeNotes: active[id] ?? 0,
                    retiredNotes: retired[id] ?? 0, importedAt: record.importedAt,
                    contentHash: record.contentHash)
            }
        }
    }

    /// Every deck's slug, title, description, version and source, by slug (without counting
    /// notes, for a session's start).
    public func deckMetadata() throws -> [DeckMetadata] {
        // Raw rows: decoding whole deck records (Codable, snake-case keys) was 1.5 % of a start.
        try writer.read { db in
            var decks: [DeckMetadata] = []
            try db.forEachRawRow(
                sql: "SELECT slug, title, description, version, source FROM deck ORDER BY slug",
                arguments: []
            ) { row in
                decks.append(
                    DeckMetadata(
                        slug: row.text(0), title: row.text(1), description: row.text(2),
                        version: row.isNull(3) ? nil : row.text(3), source: row.text(4)))
            }
            return decks
        }
    }

    /// The deck with `slug` as it stands now (active notes in file order), or `nil`.
    public func deck(_ slug: String) throws -> DeckContent? {
        try writer.read { db in
            guard let record = try DeckRecord.filter(Column("slug") == slug).fetchOne(db),
                let deckId = record.id
            else { return nil }
            let notes = try NoteRecord.filter(NoteRecord.Columns.deckId == deckId)
                .filter(NoteRecord.Columns.retiredAtMs == nil)
                .order(NoteRecord.Columns.position)
                .fetchAll(db)
            return DeckContent(metadata: record.metadata, notes: notes.map(\.content))
        }
    }

    /// The number of cards of active notes every associate studies (one of each usual kind;
    /// listening cards, for those who study them, are not counted).
    public func activeCardCount() throws -> Int {
        try writer.read { db in
            let notes =
                try Int.fetchOne(db, sql: "SELECT count(*) FROM note WHERE retired_at_ms IS NULL")
                ?? 0
            return notes * CardKind.usual.count
        }
    }
}

/// Why a deck cannot be stored.
public enum DeckImportError: Error, Equatable, CustomStringConvertible {
    /// Two notes share a stable id.
    case duplicateKey(String, deck: String)
    /// The deck's recordings together are larger than ``AudioRecording/maximumSizePerDeck``.
    case tooMuchAudio(bytes: Int, deck: String)

    /// The message for the person at the keyboard.
    public var description: String {
        switch self {
        case .duplicateKey(let key, let deck):
            "The deck \(deck) has the id \(key) twice; every note needs its own id."
        case .tooMuchAudio(let bytes, let deck):
            "\(deck): its recordings come to \(bytes / 1024 / 1024) MiB, more than the"
                + " \(AudioRecording.maximumSizePerDeck / 1024 / 1024) MiB a deck may keep;"
                + " split the deck, or leave the audio of some notes out."
        }
    }
}

/// The content hashes of decks (``DeckContent/contentHash``), computed on another thread.
private final class ContentHashes: @unchecked Sendable {
    private let group = DispatchGroup()
    /// Written once by the other thread; `group.wait()` orders the write before any read.
    private var hashes: [String] = []

    /// Starts hashing `decks`.
    init(of decks: [DeckContent]) {
        DispatchQueue.global(qos: .userInitiated).async(group: group) { [self] in
            hashes = decks.map(\.contentHash)
        }
    }

    /// The hashes, in the order of the decks, once computed.
    var value: [String] {
        group.wait()
        return hashes
    }
}

/// Text compared and hashed byte for byte, as SQLite compares it (a `String` is compared by
/// canonical equivalence and hashed after normalising, which costs more than the insert).
struct StoredText: Hashable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: StoredText, rhs: StoredText) -> Bool {
        lhs.text.utf8.elementsEqual(rhs.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
