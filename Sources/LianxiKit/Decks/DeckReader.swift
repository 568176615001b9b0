import Foundation
import Storage

/// Reads a deck file of any format Lianxi knows, choosing the reader from the file.
///
/// Keys: our deck files give each note its id; other files give them from an id or guid
/// column, or Anki's guid; notes without one are keyed by their hanzi, so importing the same
/// file again updates its notes in place.
public enum DeckReader {
    /// The largest text deck file read: about 400,000 notes, far beyond any deck, small
    /// enough that reading it stays within a few hundred MiB of memory.
    static let maximumFileSize = 64 * 1024 * 1024

    /// Reads the deck in the file at `path`, in the format its name and contents show (or
    /// `options.format`); with a `stream`, the notes of a Pleco file are sent to it in batches
    /// as they pass their checks (other formats send none).
    ///
    /// Empty files, binary files, text that is not UTF-8 (UTF-16 with a byte-order mark is
    /// read), lines over 64 KiB and every problem in the notes are reported, each as
    /// `file:line: what to do`. Pipes, devices and folders are refused before reading, and a
    /// text file over ``maximumFileSize`` (a package over
    /// ``AnkiPackage/maximumPackageSize``) is refused without being read.
    public static func read(
        fileAt path: String, options: DeckReadOptions = DeckReadOptions(),
        notesTo stream: NoteStream? = nil
    ) throws(DeckProblems) -> DeckContent {
        do {
            let input = try InputFile(path: path)
            let start = try input.prefix(4)
            if options.format == .ankiPackage
                || (options.format == nil && DeckFormat.isPackage(fileName: path, start: start))
            {
                return try AnkiPackage.read(input, file: path, options: options)
            }
            return try read(
                input.contents(atMost: maximumFileSize), file: path, options: options,
                notesTo: stream)
        } catch let refusal as InputFile.Refusal {
            throw DeckProblems(file: path, refusal.message(for: "a deck"))
        } catch let problems as DeckProblems {
            throw problems
        } catch {
            throw DeckProblems(file: path, "The file cannot be read (\(error)).")
        }
    }

    /// Reads the deck in `data`, the contents of the file named `file`.
    public static func read(
        _ data: Data, file: String, options: DeckReadOptions = DeckReadOptions(),
        notesTo stream: NoteStream? = nil
    ) throws(DeckProblems) -> DeckContent {
        let deck = try readContent(data, file: file, options: options, stream: stream)
        let problems = DeckText.metadataProblems(deck.metadata, file: file)
        guard problems.isEmpty else { throw DeckProblems(problems) }
        return deck
    }

    /// The deck in `data`, in whichever format it is, before its metadata is checked.
    private static func readContent(
        _ data: Data, file: String, options: DeckReadOptions, stream: NoteStream?
    ) throws(DeckProblems) -> DeckContent {
        let format = options.format ?? DeckFormat.of(fileName: file, contents: data)
        if format == .ankiPackage {
            return try AnkiPackage.read(data, file: file, options: options)
        }
        let text = try DeckFileText.decode(data, file: file)
        switch format {
        case .lianxi: return try LianxiDeckFile.read(text, file: file, filling: options.dictionary)
        case .ankiText: return try AnkiTextFile.read(text, file: file, options: options)
        case .pleco:
            return try PlecoFile.read(text, file: file, options: options, notesTo: stream)
        case .wordList: return try WordListFile.read(text, file: file, options: options)
        case .tabular, .ankiPackage:
            return try TabularDeckFile.read(text, file: file, options: options)
        }
    }
}
