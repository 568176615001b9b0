import ChineseText
import Foundation

/// Where the program's text meets the terminal: everything `lianxi` prints goes through here.
///
/// Text for people (messages, tables, line-mode sessions, errors) has every character a terminal
/// would obey made visible (``UntrustedText/shown(_:)``), line by line, whatever it holds: a
/// gloss, a name or a file name cannot clear the screen, set the clipboard or forge a link. Data
/// (JSON, CSV, a deck file, a web page) goes out byte for byte to a file or a pipe, and shown
/// the same way when standard output is a terminal. The full-screen session composes its lines
/// from text shown before it is measured (``ReviewScreen``) and writes them with
/// ``writeScreen(_:)``.
enum Console {
    /// Prints text for people on standard output.
    static func print(_ text: String = "", terminator: String = "\n") {
        write(shownLines(text) + terminator, to: .standardOutput)
    }

    /// Prints text for people on standard error.
    static func printError(_ text: String) {
        write(shownLines(text) + "\n", to: .standardError)
    }

    /// Writes data (JSON, CSV, a deck file, a web page) on standard output: as it is into a file
    /// or a pipe, shown line by line on a terminal.
    static func printData(_ text: String) {
        write(isatty(STDOUT_FILENO) == 1 ? shownLines(text) : text, to: .standardOutput)
    }

    /// Writes the bytes of a full screen, composed of text already shown.
    static func writeScreen(_ text: String) {
        write(text, to: .standardOutput)
    }

    /// `text` with each line shown, the line breaks between them kept.
    static func shownLines(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: UntrustedText.isUnshowable) else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                // A CRLF row end (CSV) stays one.
                line.hasSuffix("\r")
                    ? UntrustedText.shown(String(line.dropLast())) + "\r"
                    : UntrustedText.shown(String(line))
            }
            .joined(separator: "\n")
    }

    private static func write(_ text: String, to handle: FileHandle) {
        // Swift's own print buffers standard output; flush it first so that nothing printed
        // elsewhere (by a library) comes out of order.
        fflush(nil)
        handle.write(Data(text.utf8))
    }
}
