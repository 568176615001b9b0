import ChineseText
import CohortInsights
import Foundation
import SpacedRepetition
import Storage

/// The review session as a pure state machine: given the queue, a scheduler and the time,
/// each event (a key, a typed answer) moves it on and says what to store.
///
/// Nothing here touches the terminal or the database: the shell shows ``ReviewSession`` with a
/// renderer and carries out the returned ``SessionEffect``s, each in one transaction.
public struct ReviewSession: Sendable {
    /// What the screen shows for the current card.
    public enum Stage: Hashable, Sendable {
        /// The prompt; the answer is hidden.
        case question
        /// The prompt, waiting for a typed answer (pinyin or hanzi).
        case typing
        /// The answer, with the four grades and their next intervals.
        case answer
        /// Nothing is due now; a learning card comes due at the given time.
        case waiting(until: Date)
        /// Nothing left today.
        case finished
    }

    /// An event from the associate.
    public enum Event: Hashable, Sendable {
        /// Show the answer (Space or Enter).
        case reveal
        /// A typed answer was submitted.
        case typed(String)
        /// Grade the card.
        case grade(Rating)
        /// Accept the proposed grade (Enter after a typed answer).
        case acceptProposal
        /// Take back the last answer.
        case undo
        /// Hide the note until tomorrow.
        case bury
        /// Take the card out of study.
        case suspend
        /// Time passed (to pick up learning cards that came due).
        case tick
    }

    /// One answer that can be taken back.
    public struct AnsweredCard: Hashable, Sendable {
        /// The card as it was before the answer.
        public let before: StudyCard
        /// The stored answer.
        public let answer: Answer
    }

    /// What is read of a card when it comes up: its note's text, and the stored progress of a
    /// card the queue holds by its order alone (``QueuedProgress/ordered(_:)``).
    public struct CardReader: Sendable {
        private let note: @Sendable (Int64) throws -> StudyNote?
        private let noteAndProgress:
            @Sendable (_ noteId: Int64, _ cardId: Int64) throws -> (StudyNote, CardProgress)?

        /// Reads by `note` (a note by its id) and `noteAndProgress` (a note and the stored
        /// progress of one of its cards, by their ids).
        ///
        /// The shell reads them from the database. `nil` means the note no longer exists, an
        /// error that it could not be read.
        public init(
            note: @escaping @Sendable (Int64) throws -> StudyNote?,
            noteAndProgress: @escaping @Sendable (Int64, Int64) throws -> (StudyNote, CardProgress)?
        ) {
            self.note = note
            self.noteAndProgress = noteAndProgress
        }

        /// The note of `card`, and its progress: the queued one if whole, else the stored one;
        /// `nil` if the note no longer exists.
        func read(_ card: QueueCard) throws -> (note: StudyNote, progress: CardProgress)? {
            switch card.progress {
            case .read(let progress): try note(card.noteId).map { ($0, progress) }
            case .ordered: try noteAndProgress(card.noteId, card.id)
            }
        }
    }

    /// The note of the next card could not be read: the session stopped there.
    public struct UnreadableNote: Error, CustomStringConvertible {
        /// The note's id.
        public let noteId: Int64
        /// Why it could not be read.
        public let reason: any Error

        /// What happened and what to do.
        public var description: String {
            "Could not read the word of the next card (note \(noteId)): \(reason). "
                + "Every answer so far is saved; the session stops here. Run `lianxi doctor` "
                + "to check the database, then study again."
        }
    }

    /// The associate studying.
    public let associate: Associate
    /// Their scheduler.
    public let scheduler: any Scheduler
    /// Today.
    public private(set) var day: StudyDay
    /// Cards left.
    public private(set) var queue: ReviewQueue
    /// The card on screen.
    public private(set) var card: StudyCard?
    /// What the screen shows.
    public private(set) var stage: Stage = .finished
    /// The four outcomes of the card on screen (once revealed).
    public private(set) var previews: Previews?
    /// The check of a typed answer, if the card asked for one.
    public private(set) var check: AnswerCheck?
    /// What was typed, if anything.
    public private(set) var typed: String?
    /// The grade the checker proposes for a typed answer.
    public private(set) var proposal: Rating?
    /// Answers given in this session, newest last (for undo and the summary).
    public private(set) var answered: [AnsweredCard] = []
    /// A one-line notice for the screen (leech, buried, suspended, undone).
    public private(set) var notice: String?
    /// Set when the note of the next card could not be read; the session is then finished
    /// (the shell stores the effects it was given, then reports this).
    public private(set) var unreadableNote: UnreadableNote?
    private var shownAt: Date
    private let cards: CardReader
    /// The associate's latest answer stored before this session (see ``AnswerOrder``).
    private let latestStoredAnswer: Date?

    /// Starts a session at `now` and shows the first card.
    ///
    /// `latestAnswer` is the time of the associate's latest answer already stored: every answer
    /// of this session is stamped later (``AnswerOrder/time(ofAnswerAt:after:)``), so the log's
    /// order by time and id is the order in which the answers were given.
    public init(
        associate: Associate, scheduler: any Scheduler, queue: ReviewQueue, day: StudyDay,
        cards: CardReader, latestAnswer: Date?, now: Date
    ) {
        self.associate = associate
        self.cards = cards
        self.scheduler = scheduler
        self.queue = queue
        self.day = day
        latestStoredAnswer = latestAnswer
        shownAt = now
        showNext(at: now)
    }

    /// Whether the card on screen asks for a typed answer.
    public var expectsTyping: Bool { stage == .typing }

    /// Handles `event` at `now` and returns what must be stored.
    public mutating func handle(_ event: Event, at now: Date) -> [SessionEffect] {
        notice = nil
        switch (event, stage) {
        case (.reveal, .question), (.reveal, .typing):
            reveal(at: now)
        case (.typed(let text), .typing):
            typed = text
            if !text.trimmingCharacters(in: .whitespaces).isEmpty, let card {
                do {
                    let result = try Self.check(text, against: card)
                    check = result.check
                    proposal = result.proposal
                } catch {
                    // No proposal: a word that cannot be checked must not pass every answer.
                    notice = Self.uncheckable(card, error)
                }
            }
            reveal(at: now)
        case (.grade(let rating), .answer):
            return grade(rating, at: now)
        case (.acceptProposal, .answer):
            if proposal == nil, let card, isUnchecked {
                notice = Self.uncheckable(card, nil)
                return []
            }
            return grade(proposal ?? .good, at: now)
        case (.undo, _):
            return undo(at: now)
        case (.bury, .question), (.bury, .typing), (.bury, .answer):
            guard let card else { return [] }
            queue.removeNote(card.noteId)
            notice = "Buried \(card.note.hanzi) until tomorrow."
            showNext(at: now)
            return [.buryNote(card.noteId, until: day.end)]
        case (.suspend, .question), (.suspend, .typing), (.suspend, .answer):
            guard let card else { return [] }
            var progress = card.progress
            progress.isSuspended = true
            queue.remove(card.queued)
            notice = "Suspended this card of \(card.note.hanzi); it will not come back."
            showNext(at: now)
            return [.save(progress, card: card)]
        case (.tick, .waiting), (.tick, .finished):
            showNext(at: now)
        default:
            break
        }
        return []
    }

    // MARK: - Steps

    private mutating func reveal(at now: Date) {
        guard let card else { return }
        // The answer's time, which the scheduler sees and the log keeps.
        let latest = [
            latestStoredAnswer, answered.last?.answer.outcome.reviewedAt,
            card.progress.state.lastReview,
        ].compactMap { $0 }.max()
        previews = scheduler.previews(
            of: card.progress.state, at: AnswerOrder.time(ofAnswerAt: now, after: latest),
            using: fuzzGenerator(for: card))
        stage = .answer
    }

    private mutating func grade(_ rating: Rating, at now: Date) -> [SessionEffect] {
        guard let card, let previews else { return [] }
        let outcome = previews[rating]
        var progress = card.progress
        progress.state = outcome.card
        var effects: [SessionEffect] = []
        if outcome.isNewLeech {
            progress.isLeech = true
            if associate.leechAction == .suspend { progress.isSuspended = true }
            notice =
                "\(card.note.hanzi) is a leech: forgotten \(outcome.card.lapses) times."
                + (associate.leechAction == .suspend
                    ? " It is suspended; ask your trainer for a mnemonic."
                    : " Try a mnemonic, or suspend it with s.")
        }
        let answer = Answer(
            associateId: associate.id, cardId: card.id, phaseBefore: card.progress.state.phase,
            outcome: outcome, duration: max(0, now.timeIntervalSince(shownAt)),
            typedAnswer: typed, verdict: card.kind == .pinyin ? check.map(\.storedVerdict) : nil)
        effects.append(.record(answer, progress: progress))
        answered.append(AnsweredCard(before: card, answer: answer))
        var after = card
        after.progress = progress
        queue.reinsert(after.queued, dayEnd: progress.isSuspended ? now : day.end)
        showNext(at: now)
        return effects
    }

    private mutating func undo(at now: Date) -> [SessionEffect] {
        guard let last = answered.popLast() else {
            notice = "Nothing to undo."
            return []
        }
        queue.restoreToFront(last.before.queued)
        notice = "Took back your answer to \(last.before.note.hanzi)."
        showNext(at: now)
        return [.undo(last.answer, restoring: last.before)]
    }

    private mutating func showNext(at now: Date) {
        if now >= day.end {
            // Past the rollover: today's limits end; the next session starts a new day.
            card = nil
            stage = .finished
            return
        }
        previews = nil
        check = nil
        typed = nil
        proposal = nil
        shownAt = now
        card = nil
        while card == nil, let next = queue.next(at: now) {
            let read: (note: StudyNote, progress: CardProgress)?
            do {
                read = try cards.read(next)
            } catch {
                // Passing over the card would drop it from today without a word: stop instead.
                unreadableNote = UnreadableNote(noteId: next.noteId, reason: error)
                stage = .finished
                return
            }
            guard let read else {
                queue.remove(next)  // its note was deleted while the session ran
                continue
            }
            let shown = StudyCard(
                id: next.id, kind: next.kind, noteId: next.noteId, progress: read.progress,
                note: read.note)
            // A card changed since the session's start read its order, by another process (a
            // sync, a session elsewhere): suspended or buried there, it leaves today's queue;
            // otherwise it is taken as answered there, as after an answer here: a step due
            // today goes back among the learning cards at its new time, and anything else (a
            // review done, a card reset to new) leaves today's queue.
            if case .ordered(let order) = next.progress {
                let stored = read.progress
                if stored.isSuspended || (stored.buriedUntil ?? now) > now {
                    queue.remove(next)
                    continue
                }
                if stored.state.phase != order.phase || stored.state.due != order.due {
                    queue.reinsert(shown.queued, dayEnd: day.end)
                    continue
                }
            }
            card = shown
        }
        if let card {
            stage = card.kind == .recognition ? .question : .typing
        } else if let due = queue.nextLearningDue {
            stage = .waiting(until: due)
        } else {
            stage = .finished
        }
    }

    /// A generator seeded by the associate, the card and its answer count, so a preview and
    /// the answer it previews draw the same fuzz, and a replay draws it again.
    public func fuzzGenerator(for card: StudyCard) -> SplitMix64 {
        Self.fuzzGenerator(
            associateId: associate.id, cardId: card.id, reps: card.progress.state.reps)
    }

    /// The fuzz generator for an associate's card before its answer number `reps + 1`.
    public static func fuzzGenerator(associateId: Int64, cardId: Int64, reps: Int) -> SplitMix64 {
        var mixer = SplitMix64(seed: UInt64(bitPattern: associateId) &* 0x9E37_79B9_7F4A_7C15)
        let seed =
            mixer.next() ^ UInt64(bitPattern: cardId) &* 0xBF58_476D_1CE4_E5B9
            ^ UInt64(reps) &* 0x94D0_49BB_1331_11EB
        return SplitMix64(seed: seed)
    }

    // MARK: - Typed answers

    /// Whether something was typed that could not be checked (the card's pinyin does not
    /// parse): the associate grades it; Enter alone does not.
    public var isUnchecked: Bool {
        stage == .answer && proposal == nil
            && typed.map { !$0.trimmingCharacters(in: .whitespaces).isEmpty } == true
    }

    /// The notice for a typed answer that cannot be checked against `card`'s pinyin.
    private static func uncheckable(_ card: StudyCard, _ error: (any Error)?) -> String {
        "The pinyin of \(card.note.hanzi), \"\(card.note.pinyin)\", cannot be read"
            + (error.map { " (\($0))" } ?? "")
            + ", so your answer was not checked: grade it yourself with 1-4, "
            + "and ask your trainer to fix the deck."
    }

    /// Checks a typed answer: pinyin for pinyin cards, pinyin or hanzi for listening cards,
    /// hanzi for production cards; throws the
    /// ``PinyinError`` when the card's own pinyin cannot be read.
    static func check(_ text: String, against card: StudyCard) throws -> (
        check: AnswerCheck?, proposal: Rating
    ) {
        let written = text.filter { !$0.isWhitespace }
        if card.kind == .listening, written == card.note.hanzi || written == card.note.traditional {
            return (nil, .good)
        }
        switch card.kind {
        case .pinyin, .recognition, .listening:
            let expected = try Pinyin(parsing: card.note.pinyin)
            let result = AnswerChecker.check(
                typed: text, expected: expected, hanzi: card.note.hanzi)
            let proposal: Rating =
                switch result.verdict {
                case .correct: .good
                case .tonesOnly: .hard
                case .wrong: .again
                }
            return (result, proposal)
        case .production:
            let answer = text.filter { !$0.isWhitespace }
            let right = answer == card.note.hanzi || answer == card.note.traditional
            return (nil, right ? .good : .again)
        }
    }
}

/// What the shell must store after an event, each in one transaction.
public enum SessionEffect: Hashable, Sendable {
    /// Store an answer and the card's new progress.
    case record(Answer, progress: CardProgress)
    /// Take back an answer and restore the card as it was.
    case undo(Answer, restoring: StudyCard)
    /// Bury every card of a note until a time.
    case buryNote(Int64, until: Date)
    /// Save a card's progress (suspended).
    case save(CardProgress, card: StudyCard)
}

extension AnswerCheck {
    /// The verdict as the review log stores it and the academy receives it.
    var storedVerdict: AnswerVerdict {
        switch verdict {
        case .correct: .correct
        case .tonesOnly: .tonesOnly
        case .wrong: .wrong
        }
    }
}
