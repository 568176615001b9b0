import Foundation
import SpacedRepetition

/// One associate's cards replayed answer by answer with FSRS (without fuzz): the phase each
/// answer found its card in, and the due date each answer set.
///
/// Both the laptop and the server replay the same answers the same way, so their sections
/// agree; card states stored on a laptop (fuzzed intervals) can differ by the fuzz.
struct CardTimeline {
    /// An answer with what the replay made of it.
    struct Event {
        let answer: HistoryAnswer
        let phaseBefore: Phase
        let after: CardState
    }

    /// Per card, its events in time order.
    let cards: [[Event]]
    /// Every event of every card, in time order.
    let events: [Event]

    init(_ answers: [HistoryAnswer], scheduler: FSRSScheduler) {
        struct CardKey: Hashable {
            let note: NoteKey
            let side: CardSide
        }
        // Fuzz is off, so the generator is never drawn from.
        var generator = SplitMix64(seed: 0)
        let ordered = answers.sorted {
            ($0.reviewedAt, $0.note, $0.side.rawValue, $0.rating.rawValue)
                < ($1.reviewedAt, $1.note, $1.side.rawValue, $1.rating.rawValue)
        }
        var index: [CardKey: Int] = [:]
        var cards: [[Event]] = []
        var states: [CardState] = []
        var events: [Event] = []
        for answer in ordered {
            let key = CardKey(note: answer.note, side: answer.side)
            let position =
                index[key]
                ?? {
                    index[key] = cards.count
                    cards.append([])
                    states.append(.new)
                    return cards.count - 1
                }()
            let before = states[position]
            let outcome = scheduler.review(
                before, rating: answer.rating, at: answer.reviewedAt, using: &generator)
            states[position] = outcome.card
            let event = Event(answer: answer, phaseBefore: before.phase, after: outcome.card)
            cards[position].append(event)
            events.append(event)
        }
        self.cards = cards
        self.events = events
    }

    /// Cards already answered before `moment` whose due date falls on an earlier study day
    /// than `moment`'s.
    func overdue(at moment: Date, dayCounting: DayCounting) -> Int {
        let day = dayCounting.dayNumber(of: moment)
        return cards.count { events in
            guard let last = events.last(where: { $0.answer.reviewedAt < moment }),
                let due = last.after.due
            else { return false }
            return dayCounting.dayNumber(of: due) < day
        }
    }

    /// Each card's state now (after every answer).
    var states: [CardState] { cards.compactMap { $0.last?.after } }
}
