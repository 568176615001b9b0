import Foundation
import LianxiKit
import SpacedRepetition
import Storage

// Builds a generated cohort for the report benchmark and the HTML rendering check
// (`Benchmarks/report.sh`):
//
//   cohort-bench build --db PATH [--associates 30] [--days 90] [--notes 800] [--seed 1]
//
// The shipped decks, cut to NOTES notes spread over all twelve decks (800 notes: 2,400 cards),
// and ASSOCIATES associates in fourteen time zones, each a seeded simulated learner: studies on
// most days (how often, how many new cards a day and how well they remember differ), answers
// the day's due cards and new cards with FSRS, recalls a card with the chance FSRS predicts
// (shifted by the learner's ability), and repeats learning steps within the session. The
// answers go into the database through `HistoryMerge` (the way bundles are merged), which
// replays every card with the associate's scheduler.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

func value(of option: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: option), index + 1 < arguments.count else {
        return nil
    }
    return arguments[index + 1]
}

guard CommandLine.arguments.dropFirst().first == "build", let path = value(of: "--db") else {
    fail("usage: cohort-bench build --db PATH [--associates 30] [--days 90] [--notes 800]")
}
let associateCount = Int(value(of: "--associates") ?? "") ?? 30
let dayCount = Int(value(of: "--days") ?? "") ?? 90
let noteCount = Int(value(of: "--notes") ?? "") ?? 800
let seed = UInt64(value(of: "--seed") ?? "") ?? 1

let people: [(name: String, display: String, zone: String)] = [
    ("ana", "Ana Souza", "America/Sao_Paulo"), ("ben", "Ben Okafor", "Africa/Lagos"),
    ("chloe", "Chloé Martin", "Europe/Paris"), ("dmitri", "Dmitri Volkov", "Europe/Moscow"),
    ("elif", "Elif Yılmaz", "Europe/Istanbul"), ("farah", "Farah Haddad", "Asia/Dubai"),
    ("gita", "Gita Sharma", "Asia/Kolkata"), ("hiro", "Hiro Tanaka", "Asia/Tokyo"),
    ("isabel", "Isabel García", "Europe/Madrid"), ("jonas", "Jonas Weber", "Europe/Berlin"),
    ("kwame", "Kwame Mensah", "Africa/Accra"), ("linh", "Linh Nguyen", "Asia/Ho_Chi_Minh"),
    ("maria", "María López", "America/Mexico_City"), ("noah", "Noah Smith", "America/New_York"),
    ("olivia", "Olivia Brown", "Europe/London"), ("priya", "Priya Nair", "Asia/Kolkata"),
    ("quentin", "Quentin Dubois", "Europe/Paris"), ("rafael", "Rafael Lima", "America/Sao_Paulo"),
    ("sara", "Sara Rossi", "Europe/Rome"), ("tomas", "Tomás Silva", "Europe/Lisbon"),
    ("umar", "Umar Farooq", "Asia/Karachi"), ("vera", "Vera Novak", "Europe/Prague"),
    ("wei", "Wei Zhang", "Asia/Shanghai"), ("ximena", "Ximena Ruiz", "America/Bogota"),
    ("yusuf", "Yusuf Demir", "Europe/Istanbul"), ("zara", "Zara Ahmed", "Asia/Dubai"),
    ("amir", "Amir Karimi", "Asia/Tehran"), ("bianca", "Bianca Costa", "America/Sao_Paulo"),
    ("chen", "Chen Jing", "Asia/Singapore"), ("dara", "Dara Kelly", "Europe/Dublin"),
]

let clock = ContinuousClock()
let started = clock.now
let now = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded() / 1000)
let historyStart = now.addingTimeInterval(-Double(dayCount) * 86_400)
let database = try StudyDatabase.open(at: path)

// The shipped decks, each cut to its share of the notes, in the order they are studied.
var decks = try ShippedDecks.files.map { file in
    var deck = try LianxiDeckFile.read(file.text, file: file.name)
    deck.metadata.source = ShippedDecks.source
    return deck
}
for index in decks.indices {
    let share = noteCount / decks.count + (index < noteCount % decks.count ? 1 : 0)
    decks[index].notes = Array(decks[index].notes.prefix(share))
}
try database.importDecks(decks, at: historyStart)
var cardOrder: [Int64] = []
for deck in decks {
    let ids = try database.cardIds(inDeck: deck.metadata.slug)
    for note in deck.notes {
        for kind in CardKind.allCases { if let id = ids[note.key]?[kind] { cardOrder.append(id) } }
    }
}

var totalAnswers = 0
for index in 0..<associateCount {
    let person = people[index % people.count]
    let name = index < people.count ? person.name : "\(person.name)\(index / people.count + 1)"
    var random = SplitMix64(seed: seed &* 1_000_003 &+ UInt64(index))
    var associate = try database.registerAssociate(
        named: name, displayName: person.display, timeZone: person.zone, at: historyStart
    ).associate
    associate.newCardsPerDay = Int.random(in: 8...25, using: &random)
    try database.update(associate)
    let scheduler = try associate.makeScheduler()
    // How often they study, how well they remember, when in their day.
    let diligence =
        index == associateCount - 1 ? 0.15 : Double.random(in: 0.45...0.98, using: &random)
    let ability = Double.random(in: -0.12...0.06, using: &random)
    let hour = Double.random(in: 3...16, using: &random)

    var states: [Int64: CardState] = [:]
    var introduced = 0
    var reviews: [PastReview] = []
    func answer(_ cardId: Int64, at time: Date, duration: Double) -> CardState {
        let state = states[cardId] ?? .new
        let chance: Double
        switch state.phase {
        case .new: chance = 0.7 + ability
        case .learning, .relearning: chance = 0.85 + ability
        case .review: chance = scheduler.retrievability(of: state, at: time) + ability
        }
        let roll = Double.random(in: 0..<1, using: &random)
        let rating: Rating
        if roll >= chance {
            rating = .again
        } else {
            let kind = Double.random(in: 0..<1, using: &random)
            rating = kind < 0.12 ? .hard : kind < 0.92 ? .good : .easy
        }
        let moment = Date(
            timeIntervalSince1970: (time.timeIntervalSince1970 * 1000).rounded() / 1000)
        let next = scheduler.review(state, rating: rating, at: moment, using: &random).card
        reviews.append(
            PastReview(
                id: "cohort-\(name)-\(reviews.count)", cardId: cardId, reviewedAt: moment,
                rating: rating, duration: (duration * 1000).rounded() / 1000))
        states[cardId] = next
        return next
    }

    for dayOffset in 0..<dayCount {
        let moment = historyStart.addingTimeInterval(Double(dayOffset) * 86_400)
        let day = StudyDay(containing: moment, counting: associate.dayCounting)
        guard Double.random(in: 0..<1, using: &random) < diligence else { continue }
        var time = day.start.addingTimeInterval(
            (hour + Double.random(in: -1...1, using: &random)) * 3_600)
        guard time < now else { break }
        let due = states.filter { ($0.value.due ?? .distantFuture) < day.end }
            .sorted { ($0.value.due ?? now, $0.key) < ($1.value.due ?? now, $1.key) }
            .prefix(associate.maxReviewsPerDay).map(\.key)
        let fresh = cardOrder.dropFirst(introduced).prefix(associate.newCardsPerDay)
        introduced += fresh.count
        for cardId in due + fresh {
            let duration = Double.random(in: 3...18, using: &random)
            var state = answer(cardId, at: time, duration: duration)
            var later = time.addingTimeInterval(duration)
            // Learning steps come back within the session.
            while state.phase.step != nil, let next = state.due,
                next < later.addingTimeInterval(1_800)
            {
                later = max(later, next)
                state = answer(
                    cardId, at: later, duration: Double.random(in: 3...12, using: &random))
                later = later.addingTimeInterval(15)
            }
            time = time.addingTimeInterval(duration)
        }
    }
    totalAnswers += try HistoryMerge.merge(reviews, into: database, for: associate)
}
let elapsed = clock.now - started
print(
    "built \(path): \(associateCount) associates, \(cardOrder.count) cards, \(totalAnswers) "
        + "answers over \(dayCount) days, in \(elapsed)")
