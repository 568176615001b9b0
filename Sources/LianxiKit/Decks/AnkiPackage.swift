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
    /// The largest collection read, uncompressed: a guard against zip bombs.
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
        let collection = try AnkiCollection(data: collectionData(in: data, file: file), file: file)
        return try deck(from: collection, file: file, options: options)
    }

    /// The deck made of the notes of `collection`.
    static func deck(
        from collection: AnkiCollection, file: String, options: DeckReadOptions
    ) throws(DeckProblems) -> DeckContent {
        let name = DeckFileName(path: file)
        var draft = DeckDraft(file: file, rules: .foreign)
        let notesByType = Dictionary(grouping: collection.notes, by: \.noteTypeID)
        var layouts: [Int64: ColumnLayout] = [:]
        for (typeID, notes) in notesByType.sorted(by: { $0.key < $1.key }) {
            let noteType = collection.noteTypes[typeID]
            let fieldNames = noteType?.fieldNames ?? []
            let rows = notes.map { $0.fields.map(HTMLText.plainText) }
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
            let missing = ColumnLayout.requiredFields.filter { positions[$0] == nil }
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
        for (index, note) in collection.notes.enumerated() {
            guard let layout = layouts[note.noteTypeID] else { continue }
            var draftNote = layout.draft(
                from: note.fields, at: .note(index + 1), clean: HTMLText.plainText)
            draftNote.key = note.guid
            draftNote.tags = note.tags
            draft.add(draftNote)
        }
        let title = collection.deckNames.first.flatMap {
            $0.components(separatedBy: "::").last
        }
        return try draft.deck(
            DeckMetadata(
                slug: name.slug, title: options.title ?? title ?? name.baseName,
                source: name.source))
    }

    /// The bytes of the collection in the package, or the reason there is none to read.
    static func collectionData(in data: Data, file: String) throws(DeckProblems) -> Data {
        // Read from a file, not from memory: ZIPFoundation's in-memory reader traps on an entry
        // whose offset points past the end of the data (found by lianxi-fuzz), its file
        // reader reports an error.
        let copy = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-package-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: copy) }
        do {
            try data.write(to: copy)
        } catch {
            throw DeckProblems(
                file: file,
                "The package could not be unpacked: writing to the temporary folder "
                    + "\(copy.deletingLastPathComponent().path) failed "
                    + "(\(error.localizedDescription)). Free some space there and try again.")
        }
        let archive: Archive
        do {
            archive = try Archive(url: copy, accessMode: .read)
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
        guard entry.uncompressedSize <= maximumCollectionSize else {
            throw DeckProblems(
                file: file,
                "The package's collection is \(entry.uncompressedSize / 1024 / 1024) MiB"
                    + " uncompressed, more than the \(maximumCollectionSize / 1024 / 1024) MiB"
                    + " Lianxi reads. Export only the deck you need.")
        }
        var collection = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { collection.append($0) }
        } catch {
            throw DeckProblems(
                file: file,
                "The package is damaged: \(entry.path) could not be unzipped (\(error)). Export it"
                    + " from Anki again.")
        }
        // Zstandard's magic number: a compressed collection under an old name.
        if collection.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { throw modernOnly }
        if entry.path == "collection.anki2", entries["collection.anki21b"] != nil,
            (try? AnkiCollection(data: collection))?.isUpdatePlaceholder ?? true
        {
            throw modernOnly
        }
        return collection
    }
}

extension AnkiCollection {
    /// Reads a collection, turning its errors into a problem of `file`.
    fileprivate init(data: Data, file: String) throws(DeckProblems) {
        do {
            self = try AnkiCollection(data: data)
        } catch {
            throw DeckProblems(file: file, "\(error.description) \(AnkiPackage.legacyExportAdvice)")
        }
        if isUpdatePlaceholder {
            throw DeckProblems(
                file: file,
                "This package holds only Anki's note asking to update Anki: its real notes are"
                    + " in a form Lianxi cannot read. \(AnkiPackage.legacyExportAdvice)")
        }
    }

    /// Whether this is the one-note collection newer Anki versions put in `collection.anki2`
    /// for older versions to show: "Please update to the latest Anki version…".
    fileprivate var isUpdatePlaceholder: Bool {
        notes.count == 1
            && notes[0].fields.contains { $0.contains("Please update to the latest Anki") }
    }
}
