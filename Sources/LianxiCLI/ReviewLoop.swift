import ChineseText
import Foundation
import LianxiKit
import SpacedRepetition
import Storage

/// The imperative shell of a session: shows the screen, reads keys or lines, passes events to
/// ``DailyReview`` (which stores each answer before the next card shows).
struct ReviewLoop {
    var review: DailyReview
    let noColor: Bool
    /// Lines shown above the first card (what the first run set up).
    var introduction: [String] = []
    /// Plays words: a listening card's on its question, others' when the answer shows (when
    /// the associate asked for it) and on `r`.
    var speaker: Speaker?
    /// The card and answer count whose sound has been played, so that each plays once.
    var lastCue: String? = nil

    mutating func run() throws {
        if RawTerminal.standardInputIsTerminal && isatty(STDOUT_FILENO) == 1 {
            try runInTerminal()
        } else {
            try runLineByLine()
            // A script sees every word played before the program exits; a hung player does not
            // hold it more than a few seconds.
            speaker?.waitUntilSilent(atMostSeconds: 10)
            speaker?.takeNotices().forEach { Console.print($0) }
        }
        try review.commitAnswers()
        let summary = try SessionSummary(session: review.session, database: review.database)
        summary.lines.forEach { Console.print($0) }
    }

    // MARK: - Terminal

    private mutating func runInTerminal() throws {
        let terminal = RawTerminal()
        let environment = ProcessInfo.processInfo.environment
        let style = ScreenStyle.detect(
            environment: environment, isTerminal: true, noColor: noColor,
            palette: TonePalette(rawValue: review.session.associate.tonePalette) ?? .pleco)
        var decoder = KeyDecoder()
        write("\u{1B}[?1049h\u{1B}[?25l")
        terminal.enterRawMode()
        defer {
            terminal.leaveRawMode()
            write("\u{1B}[?25h\u{1B}[?1049l")
        }
        var overlay: [String]?
        while true {
            playCue()
            introduction += speaker?.takeNotices() ?? []
            let now = Clock.now()
            let size = RawTerminal.size()
            if let overlay {
                // Plain lines with text from the database: shown, then cut to the width.
                draw(
                    (overlay + ["", " Press any key to go back."]).map {
                        UntrustedText.shown($0).truncated(to: size.columns)
                    })
            } else {
                // A typed answer is read on the bottom line: keep it free.
                let typing = review.session.stage == .typing
                let screen = ReviewScreen(
                    session: review.session, columns: size.columns,
                    rows: typing ? size.rows - 1 : size.rows, style: style,
                    doneToday: review.session.answered.count, now: now,
                    introduction: introduction)
                draw(screen.lines)
            }
            if overlay == nil, review.session.stage == .finished { return }
            if overlay == nil, review.session.stage == .typing {
                terminal.leaveRawMode()
                write("\u{1B}[?25h\n > ")
                let line = readLine()
                write("\u{1B}[?25l")
                terminal.enterRawMode()
                guard let line else { return }
                introduction = []
                if try !handleTypedLine(line) { return }
                continue
            }
            if overlay == nil, case .waiting = review.session.stage,
                !terminal.waitForInput(milliseconds: 1000)
            {
                try review.handle(.tick, at: Clock.now())
                continue
            }
            let bytes = terminal.readBytes()
            if bytes.isEmpty { return }
            introduction = []
            for key in decoder.decode(bytes) + (bytes == [0x1B] ? decoder.flush() : []) {
                if overlay != nil {
                    overlay = nil
                    continue
                }
                switch key {
                case .character("q"), .character("Q"), .escape, .interrupt, .endOfInput:
                    return
                case .character("?"), .character("h"):
                    overlay = Self.help
                case .character("i"), .character("I"):
                    overlay = try cardInfo()
                case .character("r"), .character("R"):
                    introduction += replay().map { [$0] } ?? []
                default:
                    if let event = event(for: key) {
                        try review.handle(event, at: Clock.now())
                    }
                }
            }
        }
    }

    private func event(for key: Key) -> ReviewSession.Event? {
        let stage = review.session.stage
        switch key {
        case .space, .enter:
            if stage == .question { return .reveal }
            if stage == .answer {
                // An answer that could not be checked waits for a grade (the session says so).
                let proposes = review.session.proposal != nil || review.session.isUnchecked
                return proposes ? .acceptProposal : .grade(.good)
            }
            return nil
        case .character(let character):
            if let digit = character.wholeNumberValue, let rating = Rating(rawValue: digit) {
                return stage == .answer ? .grade(rating) : nil
            }
            switch character {
            case "u", "U": return .undo
            case "b", "B": return .bury
            case "s", "S": return .suspend
            default: return nil
            }
        default:
            return nil
        }
    }

    /// Handles a typed line; false when the associate asked to stop.
    private mutating func handleTypedLine(_ line: String) throws -> Bool {
        let now = Clock.now()
        switch line.trimmingCharacters(in: .whitespaces) {
        case ":q": return false
        case ":u": try review.handle(.undo, at: now)
        case ":b": try review.handle(.bury, at: now)
        case ":s": try review.handle(.suspend, at: now)
        case ":r", "r": introduction += replay().map { [$0] } ?? []
        default: try review.handle(.typed(line), at: now)
        }
        return true
    }

    private func cardInfo() throws -> [String] {
        guard let card = review.session.card else { return [" No card on screen."] }
        try review.commitAnswers()
        let history = try review.database.history(of: card.id, for: review.session.associate.id)
        var lines = [
            " \(card.note.hanzi)  \(card.note.pinyin)  \(card.note.english)",
            " deck \(card.deck) · \(card.kind.rawValue) card · answered \(history.count) time\(history.count == 1 ? "" : "s")"
                + (card.progress.isLeech ? " · leech" : ""),
            "",
        ]
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = review.session.associate.calendarTimeZone
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime]
        for entry in history {
            let interval = ScheduledInterval.step(seconds: entry.interval).label
            var line =
                " \(formatter.string(from: entry.reviewedAt))  \(entry.rating)  next in \(interval)"
            if let stability = entry.stabilityAfter, let difficulty = entry.difficultyAfter {
                line += String(format: "  stability %.1f d, difficulty %.1f", stability, difficulty)
            }
            lines.append(line)
        }
        if history.isEmpty { lines.append(" Never answered yet.") }
        lines.append("")
        lines += CardDictionaryEntries(hanzi: card.note.hanzi).lines
        return lines
    }

    private static let help = [
        " Keys",
        "",
        " Space, Enter   show the answer; after it, take Good (or the proposed grade)",
        " 1 2 3 4        Again, Hard, Good, Easy: the next interval is shown beside each",
        " u              undo the last answer",
        " b              bury this word until tomorrow",
        " s              suspend this card",
        " i              this card's history and its dictionary entries",
        " r              play the word again (a listening card's at once, others' once answered)",
        " q, Esc, Ctrl-C stop (every answer is already saved)",
        "",
        " Typed cards: type the pinyin (hao3 or hǎo) or the characters, then Enter.",
        " An empty line shows the answer; :u undoes, :b buries, :s suspends, :r plays the word"
            + " again, :q stops.",
    ]

    private func draw(_ lines: [String]) {
        write("\u{1B}[H" + lines.joined(separator: "\u{1B}[K\n") + "\u{1B}[K\u{1B}[J")
    }

    private func write(_ text: String) {
        Console.writeScreen(text)
    }

    // MARK: - Sound

    /// Plays what the card on screen calls for, once: a listening card's word as it comes up,
    /// another card's when its answer shows (if the associate plays audio).
    private mutating func playCue() {
        guard let speaker, let card = review.session.card else { return }
        let stage = review.session.stage
        let isAnswer = stage == .answer
        let wanted =
            card.kind == .listening
            ? !isAnswer : isAnswer && review.session.associate.playsAudio
        guard wanted else { return }
        let cue = "\(card.id) \(review.session.answered.count) \(isAnswer)"
        guard cue != lastCue else { return }
        lastCue = cue
        speaker.play(noteId: card.noteId, pinyin: card.note.pinyin)
    }

    /// `r`: the word again; on a card that shows the word's writing, only once it is answered
    /// (hearing it first would give the reading away).
    private mutating func replay() -> String? {
        guard let card = review.session.card else { return nil }
        let speaker =
            speaker
            ?? Speaker(environment: ProcessInfo.processInfo.environment, database: review.database)
        self.speaker = speaker
        guard card.kind == .listening || review.session.stage == .answer else {
            return "r plays the word once its answer is shown."
        }
        speaker.play(noteId: card.noteId, pinyin: card.note.pinyin)
        return nil
    }

    // MARK: - Line by line

    private mutating func runLineByLine() throws {
        introduction.forEach { Console.print($0) }
        var shown: Int64?
        while true {
            playCue()
            speaker?.takeNotices().forEach { Console.print($0) }
            // Only the card and the stage are kept: a copy of the whole session would make
            // the next answer copy today's queue (tens of thousands of cards).
            let stage = review.session.stage
            guard let card = review.session.card else {
                if case .waiting = stage {
                    // Nothing due until a learning step ends: a script cannot wait minutes.
                    Console.print("The remaining cards are in learning steps; come back later.")
                }
                return
            }
            if shown != card.id || stage != .answer {
                Console.print(prompt(for: card, stage: stage))
                shown = card.id
            }
            // A script reads each prompt before it answers: send the output before waiting.
            fflush(nil)
            guard let line = readLine() else { return }
            let text = line.trimmingCharacters(in: .whitespaces)
            let now = Clock.now()
            switch text.lowercased() {
            case "q", "quit": return
            case "u", "undo":
                try review.handle(.undo, at: now)
                continue
            case "b", "bury":
                try review.handle(.bury, at: now)
                continue
            case "s", "suspend":
                try review.handle(.suspend, at: now)
                continue
            case "r", ":r", "replay":
                replay().map { Console.print($0) }
                continue
            default: break
            }
            switch stage {
            case .typing:
                try review.handle(.typed(line), at: now)
                Console.print(answerText(revealing: true))
                if let notice = review.session.notice { Console.print(notice) }
            case .question:
                if let rating = Self.rating(text) {
                    try review.handle(.reveal, at: now)
                    Console.print(answerText(revealing: false))
                    try review.handle(.grade(rating), at: now)
                } else if text.isEmpty {
                    try review.handle(.reveal, at: now)
                    Console.print(answerText(revealing: true))
                } else {
                    Console.print("Answer with 1-4 (again, hard, good, easy), or u, b, s, q.")
                }
            case .answer:
                if text.isEmpty {
                    try review.handle(.acceptProposal, at: now)
                    if let notice = review.session.notice { print(notice) }
                } else if let rating = Self.rating(text) {
                    try review.handle(.grade(rating), at: now)
                } else {
                    Console.print(
                        "Grade with 1-4 (again, hard, good, easy), or an empty line for the proposal."
                    )
                }
            case .waiting, .finished:
                return
            }
        }
    }

    private static func rating(_ text: String) -> Rating? {
        let names: [String: Rating] = [
            "again": .again, "hard": .hard, "good": .good, "easy": .easy,
        ]
        return names[text.lowercased()] ?? Int(text).flatMap(Rating.init(rawValue:))
    }

    private func prompt(for card: StudyCard, stage: ReviewSession.Stage) -> String {
        let counts = review.session.queue.counts
        let header =
            "[\(review.session.answered.count) done · new \(counts.new) · learning \(counts.learning) · review \(counts.review)]"
        switch card.kind {
        case .recognition:
            return
                "\(header) \(card.deck): \(card.note.hanzi) — grade 1-4 (empty line shows the answer)"
        case .pinyin:
            return "\(header) \(card.deck): \(card.note.hanzi) — type the pinyin"
        case .production:
            return "\(header) \(card.deck): \(card.note.english) — type the characters"
        case .listening:
            return "\(header) \(card.deck): (listen) — type the pinyin or characters you hear"
        }
    }

    private func answerText(revealing: Bool) -> String {
        let session = review.session
        guard let card = session.card else { return "" }
        var lines: [String] = []
        if let typed = session.typed, !typed.isEmpty, let proposal = session.proposal {
            let verdict =
                session.check.map { "\($0.verdict)" } ?? (proposal == .good ? "correct" : "wrong")
            lines.append(
                "  typed \(typed): \(verdict); proposed \(proposal.rawValue) (\(proposal))")
            if let check = session.check,
                let hint = ReviewScreen.splitHint(for: check, typed: typed)
            {
                lines.append("  " + hint)
            }
        }
        lines.append("  \(card.note.hanzi)  \(card.note.pinyin)  \(card.note.english)")
        if revealing, let previews = session.previews {
            lines.append(
                "  "
                    + Rating.allCases.map { "\($0.rawValue) \($0) \(previews[$0].interval.label)" }
                    .joined(separator: " · "))
        }
        return lines.joined(separator: "\n")
    }
}
