import Foundation
import GRDB

extension StudyDatabase {
    /// Keeps the recordings of `deck` with their notes, replacing what those notes had.
    ///
    /// Notes without a recording in this import keep theirs. Throws when the deck's recordings
    /// together pass ``AudioRecording/maximumSizePerDeck`` (the import is then rolled back).
    static func storeRecordings(of deck: DeckContent, deckId: Int64, in db: Database) throws {
        guard !deck.recordings.isEmpty else { return }
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO note_audio (note_id, name, format, content_hash, bytes)
                SELECT id, ?, ?, ?, ? FROM note WHERE deck_id = ? AND key = ?
                ON CONFLICT (note_id) DO UPDATE SET name = excluded.name,
                    format = excluded.format, content_hash = excluded.content_hash,
                    bytes = excluded.bytes
                WHERE content_hash <> excluded.content_hash OR name <> excluded.name
                """)
        for key in deck.recordings.keys.sorted() {
            guard let recording = deck.recordings[key] else { continue }
            try statement.execute(arguments: [
                recording.name, recording.format.rawValue, recording.contentHash, recording.bytes,
                deckId, key,
            ])
        }
        let total =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT coalesce(sum(length(a.bytes)), 0) FROM note_audio a
                    JOIN note n ON n.id = a.note_id WHERE n.deck_id = ?
                    """, arguments: [deckId]) ?? 0
        if total > AudioRecording.maximumSizePerDeck {
            throw DeckImportError.tooMuchAudio(bytes: total, deck: deck.metadata.slug)
        }
    }

    /// The recording kept with the note `noteId`, if its deck brought one.
    public func recording(ofNote noteId: Int64) throws -> AudioRecording? {
        try writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT name, format, bytes FROM note_audio WHERE note_id = ?",
                    arguments: [noteId])
            else { return nil }
            // The table's checks keep the format to the known names; an older Lianxi never
            // wrote this table, so a row that does not read is a damaged file: no recording.
            let values: [DatabaseValue] = [row[0], row[1], row[2]]
            guard case .string(let name) = values[0].storage,
                case .string(let formatName) = values[1].storage,
                let format = AudioFormat(rawValue: formatName),
                case .blob(let bytes) = values[2].storage
            else { return nil }
            return AudioRecording(stored: name, format: format, bytes: bytes)
        }
    }

    /// The id of the note `key` of the deck `slug`, if there is one.
    public func noteId(key: String, inDeck slug: String) throws -> Int64? {
        try writer.read { db in
            try Int64.fetchOne(
                db,
                sql: """
                    SELECT n.id FROM note n JOIN deck d ON d.id = n.deck_id
                    WHERE d.slug = ? AND n.key = ?
                    """,
                arguments: [slug, key])
        }
    }

    /// How many notes of each deck (by slug) have a recording.
    public func recordingCounts() throws -> [String: Int] {
        try writer.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT d.slug, count(*) FROM note_audio a JOIN note n ON n.id = a.note_id
                    JOIN deck d ON d.id = n.deck_id GROUP BY d.slug
                    """)
            {
                counts[row[0]] = row[1]
            }
            return counts
        }
    }
}
