import ArgumentParser
import Foundation
import LianxiKit

extension Lianxi.Deck {
    /// `lianxi deck new --from FILE --title T --out deck.tsv`.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Write a deck draft from a word list, filled from CC-CEDICT.",
            discussion: """
                Reads any file `deck import` reads (a word list, one word a line, with \
                annotations such as 长chang, 得（de）, 等<动>, 八/捌; a CSV or TSV column of \
                hanzi; a Pleco export without definitions) and writes a Lianxi deck file: ids, \
                hanzi, traditional, pinyin, English, measure words and HSK level, examples \
                empty, every filled note tagged filled-by-dictionary. Words the dictionary \
                cannot decide are listed as file:line and written so that `deck import` \
                refuses the draft until you choose. Edit the draft, then import it.
                """)

        @Option(help: ArgumentHelp("The word list to start from.", valueName: "file"))
        var from: String

        @Option(help: ArgumentHelp("Where to write the draft (a new file).", valueName: "deck.tsv"))
        var out: String

        @Option(
            help:
                "The ids' prefix (default: the draft's file name, like bct-words for bct-words.tsv)."
        )
        var idPrefix: String?

        @OptionGroup var reading: DeckReadArguments

        func validate() throws {
            if reading.noDictionary {
                throw ValidationError(
                    "--no-dictionary: a draft is filled from CC-CEDICT, so it cannot be made "
                        + "without it; leave the flag out (deck import --no-dictionary imports a "
                        + "deck without the dictionary).")
            }
        }

        func run() throws {
            guard !FileManager.default.fileExists(atPath: out) else {
                throw CommandRefusal(
                    "\(out) already exists; give another --out, or move it away first (a draft"
                        + " may hold your edits).")
            }
            guard let title = reading.title else {
                throw ValidationError(
                    "--title is missing: give the deck a title, like --title \"BCT words\".")
            }
            let prefix =
                idPrefix
                ?? URL(fileURLWithPath: out).deletingPathExtension().lastPathComponent
                .lowercased()
            let draft: DeckDrafting.Draft
            do {
                draft = try DeckDrafting.draft(
                    from: from, title: title, idPrefix: prefix, options: reading.makeOptions())
            } catch let problems as DeckProblems {
                problems.problems.forEach { printError($0.description) }
                printError("No draft was written: fix the problems above and run it again.")
                throw ExitCode.failure
            } catch let refusal as DeckDrafting.Refusal {
                throw CommandRefusal(refusal.description)
            }
            try OutputFile.write(draft.text, to: out)
            Console.print(
                "\(out): a draft of \(draft.noteCount) notes from \(from); \(draft.filledCount)"
                    + " filled from CC-CEDICT (tagged \(DictionaryFill.tag): review them).")
            for (problem, line) in draft.undecided {
                printError("\(problem.description) (in the draft: \(out):\(line))")
            }
            var next: [String] = []
            if !draft.undecided.isEmpty {
                next.append(
                    "choose for the \(draft.undecided.count) word\(draft.undecided.count == 1 ? "" : "s") above"
                )
            }
            if draft.withoutPartOfSpeech > 0 {
                next.append(
                    "give the \(draft.withoutPartOfSpeech) note\(draft.withoutPartOfSpeech == 1 ? "" : "s")"
                        + " without one a part of speech")
            }
            let then = "lianxi deck import \(out)"
            Console.print(
                next.isEmpty
                    ? "Next: review it, add examples if you like, then \(then)."
                    : "Next: edit \(out): \(next.joined(separator: ", and ")); then \(then).")
        }
    }
}
