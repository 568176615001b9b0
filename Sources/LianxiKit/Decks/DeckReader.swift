import Foundation
import Storage

/// Reads a deck file of any format Lianxi knows, choosing the reader from the file.
///
/// Keys: our deck files give each note its id; other files give them from an id or guid
/// column, or Anki's guid; notes without one are keyed by their hanzi, so importing the same
/// file again updates its notes in place.
public enum DeckReader {
    /// The largest file read: far beyond any deck.
    static let maximumFileSize = 256 * 1024 * 1024

    /// Reads the deck in the file at `path`, in the format its name and contents show (or
    /// `options.format`).
    ///
    /// Empty files, binary files, text that is not UTF-8 (UTF-16 with a byte-order mark is
    /// read), lines over 64 KiB and every problem in the notes are reported, each as
    /// `file:line: what to do`.
    public static func read(
        fileAt path: String, options: DeckReadOptions = DeckReadOptions()
    ) throws(DeckProblems) -> DeckContent {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw DeckProblems(file: path, "There is no file here. Check the path and the name.")
        }
        guard !isFolder.boolValue else {
            throw DeckProblems(file: path, "This is a folder; name a deck file inside it.")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maximumFileSize else {
            throw DeckProblems(
                file: path,
                "The file is \(size / 1024 / 1024) MiB, far too large for a deck (at most"
                    + " \(maximumFileSize / 1024 / 1024) MiB). Is it the right file?")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DeckProblems(
                file: path,
                "The file cannot be read (\(error.localizedDescription)). Check that you may"
                    + " read it.")
        }
        return try read(data, file: path, options: options)
    }

    /// Reads the deck in `data`, the contents of the file named `file`.
    public static func read(
        _ data: Data, file: String, options: DeckReadOptions = DeckReadOptions()
    ) throws(DeckProblems) -> DeckContent {
        let deck = try readContent(data, file: file, options: options)
        let problems = DeckText.metadataProblems(deck.metadata, file: file)
        guard problems.isEmpty else { throw DeckProblems(problems) }
        return deck
    }

    /// The deck in `data`, in whichever format it is, before its metadata is checked.
    private static func readContent(
        _ data: Data, file: String, options: DeckReadOptions
    ) throws(DeckProblems) -> DeckContent {
        let format = options.format ?? DeckFormat.of(fileName: file, contents: data)
        if format == .ankiPackage {
            return try AnkiPackage.read(data, file: file, options: options)
        }
        let text = try DeckFileText.decode(data, file: file)
        switch format {
        case .lianxi: return try LianxiDeckFile.read(text, file: file)
        case .ankiText: return try AnkiTextFile.read(text, file: file, options: options)
        case .pleco: return try PlecoFile.read(text, file: file, options: options)
        case .tabular, .ankiPackage:
            return try TabularDeckFile.read(text, file: file, options: options)
        }
    }
}
