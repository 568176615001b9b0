import Foundation
import LianxiKit
import SpacedRepetition
import Storage

// The session benchmarks' tools (`Benchmarks/session.sh`):
//
//   app-bench build-large --data DIR --db PATH
//   app-bench answer --db PATH --as NAME [--answers 2000]
//
// `build-large` builds the anchors' large collection in a Lianxi database.
// DIR is what `anki_workload.py --phase export` writes: large_vocab.tsv (25,000 notes),
// large_cards.csv (50,000 cards: note i // 2, Anki template i % 2) and large_revlog.csv
// (1,000,000 answers). Anki's template 0 (hanzi front) is our recognition card and template 1
// (English front) our production card; our third card per note (pinyin) has no history. The
// log is replayed with FSRS, as Anki recomputes memory states when FSRS is switched on.

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

let usage = """
    usage: app-bench build-large --data DIR --db PATH
           app-bench answer --db PATH --as NAME [--answers 2000]
    """
switch CommandLine.arguments.dropFirst().first {
case "build-large":
    guard let data = value(of: "--data"), let path = value(of: "--db") else { fail(usage) }
    try buildLarge(data: data, path: path)
case "answer":
    guard let path = value(of: "--db"), let name = value(of: "--as") else { fail(usage) }
    try answer(
        path: path, associate: name, count: value(of: "--answers").flatMap(Int.init) ?? 2_000)
default:
    fail(usage)
}

func buildLarge(data: String, path: String) throws {
    let clock = ContinuousClock()
    let start = clock.now
    let now = Date()
    let database = try StudyDatabase.open(at: path)
    let vocabulary = "\(data)/large_vocab.tsv"
    let imported = try DeckLibrary.importFiles(
        [vocabulary], into: database, at: now,
        options: DeckReadOptions(
            format: .tabular, columns: try ColumnMapping(parsing: "hanzi=1,pinyin=2,english=3"),
            title: "Large vocabulary"))
    guard let slug = imported.first?.summary.slug else { fail("the vocabulary did not import") }
    var associate = try database.registerAssociate(named: "bench", timeZone: "UTC", at: now)
        .associate
    // As in Anki's workload: daily limits high enough for a 2,000-answer session.
    associate.newCardsPerDay = 9_999
    associate.maxReviewsPerDay = 9_999
    try database.update(associate)
    // A note without an id is keyed by its hanzi and reading (`支付 zhi1fu4`); the file's
    // hanzi are unique, so the hanzi alone finds it.
    let cardsOfNote = Dictionary(
        try database.cardIds(inDeck: slug).map { (String($0.key.prefix { $0 != " " }), $0.value) },
        uniquingKeysWith: { first, _ in first })

    // Note i of the file is found by its hanzi (the first column).
    let hanzi = try String(contentsOfFile: vocabulary, encoding: .utf8)
        .split(whereSeparator: \.isNewline).map { String($0.prefix { $0 != "\t" }) }

    // Anki's collection was created 1,000 days ago (sched.today == 1000).
    let dayStart = (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
    let created = Date(timeIntervalSince1970: dayStart - 1_000 * 86_400)
    var reviews: [PastReview] = []
    reviews.reserveCapacity(1_000_000)
    let log = try String(contentsOfFile: "\(data)/large_revlog.csv", encoding: .utf8)
    for (index, line) in log.split(whereSeparator: \.isNewline).dropFirst().enumerated() {
        let fields = line.split(separator: ",")
        guard fields.count >= 6, let note = Int(fields[1]), let template = Int(fields[2]),
            let milliseconds = Double(fields[3]), let ease = Int(fields[5]),
            let rating = Rating(rawValue: ease), note < hanzi.count,
            let cardId = cardsOfNote[hanzi[note]]?[template == 0 ? .recognition : .production]
        else { fail("large_revlog.csv: line \(index + 2) is not a review of a known card") }
        reviews.append(
            PastReview(
                id: "anki-\(index)", cardId: cardId,
                reviewedAt: created.addingTimeInterval(milliseconds / 1000), rating: rating,
                duration: nil))
    }
    let added = try HistoryMerge.merge(reviews, into: database, for: associate)
    let due = try database.dueCount(for: associate.id, before: now.addingTimeInterval(86_400))
    let elapsed = clock.now - start
    print(
        "built \(path): \(imported[0].summary.added.count) notes, \(added) answers replayed, "
            + "\(due) cards due by tomorrow, in \(elapsed)")
}

/// Answers `count` cards in process, as the anchors time Anki.
///
/// Anki's step is `get_queued_cards`, `build_answer` and `answer_card`; ours is from taking the
/// card on screen to the answer durable (synced in the answer journal, or committed to the
/// database; a batch of the journal's answers stored in the database falls on the answer that
/// fills it) and the next card with its note's text ready. Ratings are drawn with Anki's
/// workload weights (Again 15, Hard 10, Good 65, Easy 10); typed cards get an empty answer.
/// Prints one JSON object with every latency in milliseconds (to the microsecond), and the
/// session end's store of the journal's last answers (`end_ms`).
func answer(path: String, associate name: String, count: Int) throws {
    let database = try StudyDatabase.open(at: path)
    // As `lianxi review` does.
    try database.limitPageCache(toMebibytes: DailyReview.pageCacheMebibytes)
    guard let associate = try database.associate(named: name) else { fail("no associate \(name)") }
    var review = try DailyReview(associate: associate, database: database, now: Date())
    var generator = SplitMix64(seed: 2_026)
    let ratings: [(Rating, UInt64)] = [(.again, 15), (.hard, 10), (.good, 65), (.easy, 10)]
    func nextRating() -> Rating {
        var draw = generator.next() % 100
        for (rating, weight) in ratings {
            if draw < weight { return rating }
            draw -= weight
        }
        return .good
    }
    let clock = ContinuousClock()
    var latencies: [Double] = []
    latencies.reserveCapacity(count)
    while latencies.count < count, review.session.card != nil {
        let rating = nextRating()
        let began = clock.now
        let now = Date()
        if review.session.expectsTyping {
            try review.handle(.typed(""), at: now)
        } else {
            try review.handle(.reveal, at: now)
        }
        try review.handle(.grade(rating), at: now)
        let elapsed = clock.now - began
        latencies.append(
            Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
        )
    }
    // The session's end stores what the answer journal holds (as `lianxi` does before its
    // summary): timed apart, since no card waits for it.
    let ending = clock.now
    try review.commitAnswers()
    let ended = clock.now - ending
    let endMs = Double(ended.components.seconds) * 1e3 + Double(ended.components.attoseconds) / 1e15
    let rounded = latencies.map { ($0 * 1_000).rounded() / 1_000 }
    print(
        #"{"answers": \#(latencies.count), "latencies_ms": \#(rounded), "#
            + #""end_ms": \#((endMs * 1_000).rounded() / 1_000)}"#)
}
