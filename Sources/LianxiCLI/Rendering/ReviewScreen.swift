import ChineseText
import Foundation
import LianxiKit
import SpacedRepetition
import Storage

/// The review screen as a pure function of the session: a list of lines that fit the terminal.
///
/// Every text from the database or the keyboard (the note, the deck, names, the typed answer)
/// is shown (``UntrustedText/shown(_:)``) before it is measured and styled, so widths are those
/// of what appears and only the screen's own escape sequences reach the terminal.
struct ReviewScreen {
    let session: ReviewSession
    let columns: Int
    let rows: Int
    let style: ScreenStyle
    /// Answers stored so far today (shown in the header).
    let doneToday: Int
    /// The time the screen is drawn.
    let now: Date
    /// Lines shown above the card (what the first run set up).
    var introduction: [String] = []

    var lines: [String] {
        var lines = [header, rule]
        lines += body
        let footer = self.footer
        let free = rows - lines.count - footer.count
        if free > 0 { lines += Array(repeating: "", count: free) }
        return (lines + footer).map { $0.truncated(to: columns) }
    }

    /// The whole screen, each line cleared to its end (for redrawing in place).
    var text: String {
        lines.joined(separator: "\u{1B}[K\n") + "\u{1B}[K"
    }

    private var rule: String { style.dim(String(repeating: "─", count: max(1, columns))) }

    private var header: String {
        let counts = session.queue.counts
        let left = " 练习 Lianxi · \(shown(session.associate.displayName))"
        let right =
            "\(doneToday) done · new \(counts.new) · learning \(counts.learning) · review \(counts.review) "
        let gap = max(1, columns - left.terminalColumns - right.terminalColumns)
        return style.bold(left) + String(repeating: " ", count: gap) + right
    }

    private var body: [String] {
        var lines = introduction.map { " " + shown($0) }
        if let notice = session.notice { lines.append(" " + style.bold(shown(notice))) }
        switch session.stage {
        case .finished:
            lines += ["", centered("Nothing more to study today. 今天完成了！"), ""]
            return lines
        case .waiting(let until):
            let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
            lines += [
                "", centered("Next learning card in \(minutes) min."),
                centered("Wait here, or press q to stop; nothing is lost."),
            ]
            return lines
        case .question, .typing, .answer:
            break
        }
        guard let card = session.card else { return lines }
        let note = card.note.shown
        lines.append(style.dim(" \(shown(card.deck)) · \(title(of: card.kind))"))
        lines.append("")
        switch card.kind {
        case .recognition, .pinyin:
            lines.append(centered(style.bold(spaced(note.hanzi))))
            if note.traditional != note.hanzi {
                lines.append(centered(style.dim("(\(note.traditional))")))
            }
        case .production:
            lines.append(centered(style.bold(note.english)))
        case .listening:
            lines.append(centered(style.bold("( listen )")))
        }
        lines.append("")
        if session.stage == .typing {
            let instruction =
                switch card.kind {
                case .production:
                    "Type the characters (your input method works here), then Enter."
                case .listening:
                    "Type the pinyin (hao3 or hǎo) or the characters you hear, then Enter;"
                        + " r plays it again."
                case .recognition, .pinyin:
                    "Type the pinyin with tones (hao3 or hǎo), then Enter."
                }
            lines.append(centered(instruction))
            return lines
        }
        if session.stage == .question {
            lines.append(centered(style.dim("Space or Enter shows the answer.")))
            return lines
        }
        lines += answerLines(for: card)
        return lines
    }

    private func answerLines(for card: StudyCard) -> [String] {
        let note = card.note.shown
        var lines: [String] = []
        if let typed = session.typed, !typed.isEmpty {
            lines.append(" You typed: \(shown(typed))")
            lines.append(" " + verdictText)
            if let check = session.check {
                lines.append(" " + syllableReport(check))
                if let hint = Self.splitHint(for: check, typed: typed) { lines.append(" " + hint) }
            }
        }
        if card.kind == .production || card.kind == .listening {
            lines.append(centered(style.bold(spaced(note.hanzi))))
        }
        if let pinyin = try? Pinyin(parsing: note.pinyin) {
            var reading = style.pinyin(pinyin)
            let spoken = ToneSandhi.spoken(pinyin, hanzi: note.hanzi)
            if spoken.tones != pinyin.tones {
                reading += style.dim("  (said \(spoken.toneMarked))")
            }
            lines.append(centered(reading))
        } else {
            lines.append(centered(note.pinyin))
        }
        var meaning = note.english
        if !note.partOfSpeech.isEmpty { meaning += style.dim(" · \(note.partOfSpeech)") }
        if !note.measureWord.isEmpty { meaning += style.dim(" · measure word \(note.measureWord)") }
        if card.kind != .production { lines.append(centered(meaning)) }
        if let example = note.example {
            lines.append("")
            lines.append("  例 " + example.hanzi)
            if let pinyin = try? Pinyin(parsing: example.pinyin) {
                lines.append("     " + style.pinyin(pinyin))
            } else {
                lines.append("     " + example.pinyin)
            }
            lines.append("     " + style.dim(example.english))
        }
        return lines
    }

    private var verdictText: String {
        guard let proposal = session.proposal else { return "" }
        let verdict =
            switch session.check?.verdict {
            case .correct?: "right"
            case .tonesOnly?: "right but for tones"
            case .wrong?: "not quite"
            case nil: proposal == .good ? "right" : "not quite"
            }
        return style.bold(verdict) + " → Enter takes \(name(of: proposal))"
    }

    /// What to type when the typed letters are right but split otherwise (`xian1` for xī'ān).
    ///
    /// `“xian1” reads as xiān, one syllable; Xī'ān is xi-an: type xi'an or xi1an1.`
    static func splitHint(for check: AnswerCheck, typed: String) -> String? {
        guard check.readsAsOtherSyllables, let reading = check.typedReading else { return nil }
        func split(_ pinyin: Pinyin) -> String {
            pinyin.syllables.map { $0.letters.lowercased() }.joined(separator: "-")
        }
        let typedSplit =
            reading.syllables.count == 1 ? "\(reading.toneMarked), one syllable" : split(reading)
        let numbered = check.expected.syllables.map { $0.toneNumbered.lowercased() }.joined()
        let shownTyped = UntrustedText.shown(typed.trimmingCharacters(in: .whitespaces))
        return "“\(shownTyped)” reads as \(typedSplit); \(check.expected.toneMarked) is "
            + "\(split(check.expected)): type \(check.expectedWithBreaks) or \(numbered)."
    }

    private func syllableReport(_ check: AnswerCheck) -> String {
        check.syllables.map { result in
            switch result {
            case .correct(let syllable): "\(syllable.toneMarked) ✓"
            case .tolerated(let syllable, _, _): "\(syllable.toneMarked) ✓~"
            case .wrongTone(let syllable, let typed):
                "\(syllable.toneMarked) tone \(syllable.tone.number), you typed \(typed.number)"
            case .wrongSyllable(let syllable, let typed):
                "\(syllable.toneMarked), you typed \(shown(typed))"
            case .missing(let syllable): "\(syllable.toneMarked) missing"
            case .extra(let text): "extra \(shown(text))"
            }
        }.joined(separator: " · ")
    }

    private var footer: [String] {
        var lines = [rule]
        switch session.stage {
        case .answer:
            let grades = Rating.allCases.map { rating -> String in
                let interval = session.previews?[rating].interval.label ?? ""
                let label = " \(rating.rawValue) \(name(of: rating)) \(interval) "
                return rating == session.proposal ? style.inverse(label) : label
            }
            lines.append(grades.joined(separator: " "))
        case .question:
            lines.append(" Space/Enter show answer")
        case .typing:
            let replay = session.card?.kind == .listening ? " :r again" : ""
            lines.append(
                style.dim(
                    " Enter checks · empty line: show answer · :u undo :b bury :s suspend"
                        + replay + " :q stop"))
            return lines
        case .waiting, .finished:
            break
        }
        lines.append(style.dim(" u undo · b bury · s suspend · i card info · ? help · q quit"))
        return lines
    }

    private func name(of rating: Rating) -> String {
        switch rating {
        case .again: "Again"
        case .hard: "Hard"
        case .good: "Good"
        case .easy: "Easy"
        }
    }

    private func title(of kind: CardKind) -> String {
        switch kind {
        case .recognition: "read: say the pinyin and meaning"
        case .production: "write: recall the characters"
        case .pinyin: "type the pinyin"
        case .listening: "listen: type what you hear"
        }
    }

    private func shown(_ text: String) -> String { UntrustedText.shown(text) }

    /// Hanzi spaced out, so a word reads larger on a terminal.
    private func spaced(_ hanzi: String) -> String {
        hanzi.map(String.init).joined(separator: " ")
    }

    private func centered(_ text: String) -> String {
        let width = text.terminalColumns
        return String(repeating: " ", count: max(0, (columns - width) / 2)) + text
    }
}

extension NoteContent {
    /// The note with every text shown as a terminal can show it (``UntrustedText/shown(_:)``).
    var shown: NoteContent {
        var note = self
        note.key = UntrustedText.shown(key)
        note.hanzi = UntrustedText.shown(hanzi)
        note.traditional = UntrustedText.shown(traditional)
        note.pinyin = UntrustedText.shown(pinyin)
        note.english = UntrustedText.shown(english)
        note.partOfSpeech = UntrustedText.shown(partOfSpeech)
        note.measureWord = UntrustedText.shown(measureWord)
        note.example = example.map {
            ExampleSentence(
                hanzi: UntrustedText.shown($0.hanzi), pinyin: UntrustedText.shown($0.pinyin),
                english: UntrustedText.shown($0.english))
        }
        note.tags = tags.map(UntrustedText.shown)
        return note
    }
}
