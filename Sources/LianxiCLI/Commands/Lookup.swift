import ArgumentParser
import ChineseDictionary
import ChineseText
import Foundation
import LianxiKit

extension Lianxi {
    /// `lianxi lookup 贸易`: CC-CEDICT, built into the program.
    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lookup",
            abstract: "Look a word up in CC-CEDICT, by hanzi, pinyin or English.",
            discussion: """
                Finds words by their characters (simplified or traditional; words starting \
                with them and containing them follow), by their pinyin in any spelling \
                (maoyi, mao4yi4, màoyì; tones are matched when you write them), or by \
                English. The headword comes first, then ordinary words before names and \
                variants, then the words of the shipped decks by HSK level, then shorter \
                words. The dictionary is CC-CEDICT by MDBG (CC BY-SA 4.0).
                """)

        @Argument(help: "What to look up: hanzi, pinyin or English words.")
        var text: [String]

        @Option(help: "The most results to show (1-1000).")
        var limit = 10

        @Flag(help: "Print the results as JSON, for scripts.")
        var json = false

        @Flag(help: "Draw without colours (also when NO_COLOR is set).")
        var noColor = false

        func validate() throws {
            guard (1...1000).contains(limit) else {
                throw ValidationError("--limit must lie between 1 and 1000, got \(limit).")
            }
            guard DictionaryQuery(text.joined(separator: " ")) != nil else {
                throw ValidationError("Say what to look up: hanzi, pinyin or English words.")
            }
        }

        func run() throws {
            let query = text.joined(separator: " ")
            let words = WordLookup().lookUp(query, limit: limit)
            if json {
                Console.printData(
                    String(decoding: try LookedUpWord.json(words), as: UTF8.self) + "\n")
            } else if words.isEmpty {
                throw CommandRefusal(
                    "Nothing in CC-CEDICT for “\(query)”. Try the characters, the pinyin"
                        + " (tones optional) or one English word.")
            } else {
                let style = ScreenStyle.detect(
                    environment: ProcessInfo.processInfo.environment,
                    isTerminal: isatty(STDOUT_FILENO) == 1, noColor: noColor, palette: .pleco)
                // The built-in dictionary's text, coloured by the listing itself.
                Console.writeScreen(LookupListing(words: words, style: style).text)
            }
            if words.isEmpty { throw ExitCode(1) }
        }
    }
}
