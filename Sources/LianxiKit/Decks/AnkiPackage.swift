import Foundation
import Storage
import ZIPFoundation

/// Anki deck packages (`.apkg`): a zip archive holding the deck's SQLite collection.
///
/// The collection is read from `collection.anki21`, else `collection.anki2` (Anki 2.0 and
/// "Support older Anki versions" exports). Packages from Anki 23.10 and later keep it only in
/// `collection.anki21b`, compressed with zstd, beside a placeholder `collection.anki2` that
/// asks to update Anki; those are refused with the steps to export again in the legacy
/// format.
///
/// Each note type's fields are found by name like a spreadsheet's header (`Simplified`,
/// `Pinyin`, `Meaning`, …), and the fields still missing are guessed from the contents (see
/// ``ColumnGuess``). Fields are turned from HTML into plain text; the notes' guids are the
/// keys, and their tags are kept.
public enum AnkiPackage {
    /// The largest package read: far beyond a deck's notes with their audio and pictures.
    ///
    /// The package is copied to a temporary file, never held in memory.
    static let maximumPackageSize = 1024 * 1024 * 1024
    /// The largest collection unzipped: a guard against zip bombs.
    ///
    /// It is unzipped to a temporary file, never into memory.
    static let maximumCollectionSize: UInt64 = 512 * 1024 * 1024

    /// How to export a package this reader can read.
    static let legacyExportAdvice =
        "In Anki, choose File > Export, pick “Anki Deck Package (.apkg)”, tick “Support older"
        + " Anki versions (slower/larger files)” and export again."

    /// Reads the deck in the package `data`; `file` names it in problems and gives the deck
    /// its slug.
    public static func read(
        _ data: Data, file: String, options: DeckReadOptions = DeckReadOptions()
    ) throws(DeckProblems) -> DeckContent {
        // Read from a file, not from memory: ZIPFoundation's in-memory reader traps on an entry
        // whose offset points past the end of the data (found by lianxi-fuzz), its file
        // reader reports an error.
        let copy = temporaryFile("package", extension: "zip")
        defer { try? FileManager.default.removeItem(at: copy) }
        do {
            try data.write(to: copy)
        } catch {
            throw cannotWrite(copy, error.localizedDescription, file: file)
        }
        return try deck(inPackageAt: copy, file: file, options: options)
    }

    /// Reads the deck in the package `input`, copied first to a temporary file a chunk at a
    /// time (so that the file cannot change while it is read).
    static func read(
        _ input: InputFile, file: String, options: DeckReadOptions
    ) throws(DeckProblems) -> DeckContent {
        let copy = temporaryFile("package", extension: "zip")
        defer { try? FileManager.default.removeItem(at: copy) }
        do {
            try input.copy(to: copy, atMost: maximumPackageSize)
        } catch {
            throw DeckProblems(file: file, error.message(for: "an Anki package"))
        }
        return try deck(inPackageAt: copy, file: file, options: options)
    }

    /// The deck in the package at `package` (a private copy), with the recordings its notes play.
    static func deck(
        inPackageAt package: URL, file: String, options: DeckReadOptions
    ) throws(DeckProblems) -> DeckContent {
        let collection = try collection(inPackageAt: package, file: file)
        let sounds = Set(
            collection.notes.flatMap { $0.fields.flatMap(AnkiMedia.soundNames(in:)) })
        let media = try AnkiMedia.recordings(named: sounds, inPackageAt: package, file: file)
        return try deck(from: collection, file: file, options: options, media: media)
    }

    /// The deck made of the notes of `collection`.
    static func deck(
        from collection: AnkiCollection, file: String, options: DeckReadOptions,
        media: [String: AudioRecording] = [:]
    ) throws(DeckProblems) -> DeckContent {
        let name = DeckFileName(path: file)
        var draft = DeckDraft(file: file, rules: .foreign, filling: options.dictionary)
        let notesByType = Dictionary(grouping: collection.notes, by: \.noteTypeID)
        var layouts: [Int64: ColumnLayout] = [:]
        for (typeID, notes) in notesByType.sorted(by: { $0.key < $1.key }) {
            let noteType = collection.noteTypes[typeID]
            let fieldNames = noteType?.fieldNames ?? []
            let rows = notes.map { $0.fields.map(Self.plainText) }
            var positions: [NoteField: Int]
            if let mapping = options.columns {
                let (mapped, unknown) = mapping.positions(header: fieldNames)
                positions = mapped
                if !unknown.isEmpty {
                    draft.report(
                        "The note type “\(noteType?.name ?? String(typeID))” has no field named"
                            + " \(unknown.map { "“\($0)”" }.joined(separator: ", ")); its fields"
                            + " are \(fieldNames.joined(separator: ", ")).",
                        at: nil)
                }
            } else {
                positions =
                    ColumnMapping(header: fieldNames).positions(header: fieldNames)
                    .positions
            }
            let width = rows.map(\.count).max() ?? 0
            let unused = (0..<width).filter { !positions.values.contains($0) }
            for (field, position) in ColumnGuess.guess(rows: rows, among: unused)
            where positions[field] == nil {
                positions[field] = position
            }
            let missing = options.requiredFields.filter { positions[$0] == nil }
            let count = notes.count == 1 ? "1 note" : "\(notes.count) notes"
            for field in missing {
                draft.report(
                    "The note type “\(noteType?.name ?? String(typeID))” (\(count); fields"
                        + " \(fieldNames.joined(separator: ", "))) has no field for the \(field):"
                        + " none is named \(field) and none \(ColumnGuess.clue(for: field)). Name"
                        + " the field in Anki, or give a column mapping such as"
                        + " hanzi=Front,pinyin=Reading,english=Back.",
                    at: nil)
            }
            if missing.isEmpty {
                layouts[typeID] = ColumnLayout(positions: positions, firstRowIsHeader: false)
            }
        }
        var recordings: [String: AudioRecording] = [:]
        for (index, note) in collection.notes.enumerated() {
            guard let layout = layouts[note.noteTypeID] else { continue }
            var draftNote = layout.draft(
                from: note.fields, at: .note(index + 1), clean: Self.plainText)
            draftNote.key = note.guid
            draftNote.tags = note.tags
            draft.add(draftNote)
            // The note's first sound is its word's recording.
            if let sound = note.fields.lazy.flatMap(AnkiMedia.soundNames(in:)).first,
                let recording = media[sound]
            {
                recordings[note.guid] = recording
            }
        }
        let title = collection.deckNames.first.flatMap {
            $0.components(separatedBy: "::").last
        }
        var content = try draft.deck(
            DeckMetadata(
                slug: name.slug, title: options.title ?? title ?? name.baseName,
                source: name.source))
        let keys = Set(content.notes.map(\.key))
        content.recordings = recordings.filter { keys.contains($0.key) }
        return content
    }

    /// A field as text to study: HTML made plain, `[sound:…]` tags left out.
    private static func plainText(_ field: String) -> String {
        HTMLText.plainText(AnkiMedia.removingSounds(field))
    }

    /// The collection in the package at `package`, or the reason there is none to read.
    static func collection(inPackageAt package: URL, file: String) throws(DeckProblems)
        -> AnkiCollection
    {
        let archive: Archive
        do {
            archive = try Archive(url: package, accessMode: .read)
        } catch {
            throw DeckProblems(
                file: file,
                "This file is not a zip archive, so it is not an Anki package (.apkg). "
                    + legacyExportAdvice)
        }
        let entries = Dictionary(
            archive.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let modernOnly = DeckProblems(
            file: file,
            "This package comes from Anki 23.10 or later and keeps its notes in a compressed"
                + " form (collection.anki21b) that Lianxi cannot read. " + legacyExportAdvice)
        guard let entry = entries["collection.anki21"] ?? entries["collection.anki2"] else {
            if entries["collection.anki21b"] != nil { throw modernOnly }
            let names = entries.keys.sorted().prefix(10).joined(separator: ", ")
            throw DeckProblems(
                file: file,
                "This zip archive holds no Anki collection (collection.anki21 or"
                    + " collection.anki2), so it is not an Anki package; it holds \(names).")
        }
        let unzipped = temporaryFile("anki", extension: "sqlite")
        defer { AnkiCollection.removeCopy(at: unzipped) }
        try unzip(entry, of: archive, to: unzipped, file: file)
        // Zstandard's magic number: a compressed collection under an old name.
        let start = (try? FileHandle(forReadingFrom: unzipped).read(upToCount: 4)) ?? nil
        if start?.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) == true { throw modernOnly }
        let isBesideModern =
            entry.path == "collection.anki2" && entries["collection.anki21b"] != nil
        let collection: AnkiCollection
        do {
            collection = try AnkiCollection(privateCopyAt: unzipped)
        } catch {
            if isBesideModern { throw modernOnly }
            throw DeckProblems(file: file, "\(error.description) \(legacyExportAdvice)")
        }
        if collection.isUpdatePlaceholder {
            if isBesideModern { throw modernOnly }
            throw DeckProblems(
                file: file,
                "This package holds only Anki's note asking to update Anki: its real notes are"
                    + " in a form Lianxi cannot read. \(legacyExportAdvice)")
        }
        return collection
    }

    /// Unzips `entry` to the new file `destination`, a chunk at a time, stopping as soon as it
    /// holds more than the entry declares or than ``maximumCollectionSize``: a zip bomb, or an
    /// entry that lies about its size, is refused after reading no more than that.
    static func unzip(
        _ entry: Entry, of archive: Archive, to destination: URL, file: String
    ) throws(DeckProblems) {
        let declared = entry.uncompressedSize
        guard declared <= maximumCollectionSize else {
            throw DeckProblems(
                file: file,
                "The package's collection is \(declared / 1024 / 1024) MiB uncompressed, more"
                    + " than the \(maximumCollectionSize / 1024 / 1024) MiB Lianxi reads. Export"
                    + " only the deck you need.")
        }
        let lie = DeckProblems(
            file: file,
            "The package is damaged or forged: \(entry.path) says it holds \(declared) bytes but"
                + " unzips to more. Export it from Anki again.")
        guard FileManager.default.createFile(atPath: destination.path, contents: nil),
            let output = FileHandle(forWritingAtPath: destination.path)
        else {
            throw cannotWrite(destination, "the file cannot be created", file: file)
        }
        defer { try? output.close() }
        var written: UInt64 = 0
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                written += UInt64(chunk.count)
                guard written <= declared else { throw UnzipStop.longerThanDeclared }
                try output.write(contentsOf: chunk)
            }
        } catch UnzipStop.longerThanDeclared {
            throw lie
        } catch {
            throw DeckProblems(
                file: file,
                "The package is damaged: \(entry.path) could not be unzipped (\(error)). Export it"
                    + " from Anki again.")
        }
        guard written == declared else {
            throw DeckProblems(
                file: file,
                "The package is damaged or forged: \(entry.path) says it holds \(declared) bytes"
                    + " but unzips to \(written). Export it from Anki again.")
        }
    }

    /// Why unzipping stopped early.
    private enum UnzipStop: Error {
        case longerThanDeclared
    }

    /// A new path in the temporary folder.
    private static func temporaryFile(_ name: String, extension: String) -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-\(name)-\(UUID().uuidString).\(`extension`)")
    }

    /// The problem of a temporary file that cannot be written.
    private static func cannotWrite(_ url: URL, _ reason: String, file: String) -> DeckProblems {
        DeckProblems(
            file: file,
            "The package could not be unpacked: writing to the temporary folder "
                + "\(url.deletingLastPathComponent().path) failed (\(reason)). Free some space"
                + " there and try again.")
    }
}

extension AnkiCollection {
    /// Whether this is the one-note collection newer Anki versions put in `collection.anki2`
    /// for older versions to show: "Please update to the latest Anki version…".
    fileprivate var isUpdatePlaceholder: Bool {
        notes.count == 1
            && notes[0].fields.contains { $0.contains("Please update to the latest Anki") }
    }
}
