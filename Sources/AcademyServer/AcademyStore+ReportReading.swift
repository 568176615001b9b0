import CohortReporting
import Foundation
import Logging
import PostgresNIO
import SpacedRepetition

extension AcademyStore {
    /// The cohort report of `scope` at `now`, from the catalogue and the aggregates alone:
    /// the same figures `lianxi report` computes from a laptop's SQLite file holding the same
    /// answers (docs/REPORTS.md), so the same renderers write the same bytes.
    ///
    /// Rows are read as PostgreSQL sends them and folded into one entry per associate; memory
    /// holds the catalogue, the associates and the report, never the log.
    func cohortReport(
        scope: ReportScope, since: CalendarDate?, decks chosen: [String]?, now: Date
    ) async throws -> CohortReport {
        // Every answer stored so far counts, including those of pushes whose fold is still
        // to come.
        try await foldPending()
        return try await transaction { connection in
            // One snapshot for every query, as a laptop's report reads in one transaction.
            try await connection.query(
                "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            return try await Self.readReport(
                scope: scope, since: since, decks: chosen.flatMap { $0.isEmpty ? nil : $0 },
                now: now, on: connection, logger: logger)
        }
    }

    private static func readReport(
        scope: ReportScope, since: CalendarDate?, decks chosen: [String]?, now: Date,
        on connection: PostgresConnection, logger: Logger
    ) async throws -> CohortReport {
        let catalogue = try await ReportCatalogueSnapshot.read(
            decks: chosen, on: connection, logger: logger)
        let cohortFilter: String
        var cohortIds: [Int64] = []
        switch scope {
        case .academy: cohortFilter = "true"
        case .cohorts(let ids):
            cohortFilter = "a.cohort_id = ANY($1)"
            cohortIds = ids
        }
        let deckFilter = catalogue.decks.map(\.slug)
        var associateIds: [Int64] = []
        func query(_ sql: String) -> PostgresQuery {
            var bindings = PostgresBindings()
            bindings.append(cohortIds)
            bindings.append(deckFilter)
            bindings.append(associateIds)
            return PostgresQuery(unsafeSQL: sql, binds: bindings)
        }

        // The associates, in byte order of their names (SQLite's order on a laptop).
        var order: [Int64] = []
        var tallies: [Int64: AssociateTally] = [:]
        let associates = try await connection.query(
            query(
                """
                SELECT a.id, a.name, coalesce(a.display_name, a.name), a.time_zone,
                    a.rollover_hour
                FROM associate a WHERE \(cohortFilter)
                ORDER BY a.name COLLATE "C"
                """), logger: logger)
        for try await (id, name, displayName, zone, hour) in associates.decode(
            (Int64, String, String, String, Int16).self)
        {
            order.append(id)
            var numbering = ReportCalendar.numbering(timeZone: zone, rolloverHour: Int(hour))
            tallies[id] = AssociateTally(
                name: name, displayName: displayName, timeZone: zone,
                today: numbering.day(of: now))
        }

        // Aggregates are read by associate id (their primary keys start with it), so a
        // cohort's report reads its own rows only; the whole academy's reads every row.
        associateIds = order
        let byAssociate: (String) -> String = { table in
            scope == .academy ? "true" : "\(table).associate_id = ANY($3)"
        }

        // Per associate: the days studied (summed over the report's decks), and the sums
        // of the days in the period; one row per associate, folded in PostgreSQL.
        let first = since?.dayNumber ?? Int.min
        let firstDay = max(first, Int(Int32.min))
        var perDay: [Int: Int] = [:]
        let inPeriod = "FILTER (WHERE d.day >= \(firstDay))"
        // Every deck: the days kept over all decks; some decks: their days summed per day.
        // (Both arrays of a row come from one pass over the same rows: their days align.)
        let perAssociateDay =
            chosen == nil
            ? "SELECT * FROM report_study_day d WHERE \(byAssociate("d")) AND d.answers > 0"
            : """
            SELECT d.associate_id, d.day, sum(d.answers)::int4 AS answers,
                sum(d.introduced) AS introduced, sum(d.duration_ms) AS duration_ms,
                sum(d.young_passed) AS young_passed, sum(d.young_failed) AS young_failed,
                sum(d.mature_passed) AS mature_passed,
                sum(d.mature_failed) AS mature_failed, max(d.last_ms) AS last_ms
            FROM report_day d
            WHERE \(byAssociate("d")) AND d.deck = ANY($2)
            GROUP BY d.associate_id, d.day
            HAVING sum(d.answers) > 0
            """
        let days = try await connection.query(
            query(
                """
                SELECT d.associate_id, array_agg(d.day), array_agg(d.answers),
                    coalesce(sum(d.answers) \(inPeriod), 0)::int8,
                    coalesce(sum(d.introduced) \(inPeriod), 0)::int8,
                    coalesce(sum(d.duration_ms) \(inPeriod), 0)::int8,
                    count(*) \(inPeriod),
                    coalesce(sum(d.young_passed) \(inPeriod), 0)::int8,
                    coalesce(sum(d.young_failed) \(inPeriod), 0)::int8,
                    coalesce(sum(d.mature_passed) \(inPeriod), 0)::int8,
                    coalesce(sum(d.mature_failed) \(inPeriod), 0)::int8,
                    max(d.last_ms)
                FROM (\(perAssociateDay)) d
                GROUP BY d.associate_id
                """), logger: logger)
        for try await row in days.decode(
            (
                Int64, [Int32], [Int32], Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64,
                Int64
            ).self)
        {
            tallies[row.0]?.add(
                studied: row.1, answers: Int(row.3), introduced: Int(row.4),
                durationMs: row.5, activeDays: Int(row.6),
                retention: TrueRetention(
                    young: Tally(passed: Int(row.7), failed: Int(row.8)),
                    mature: Tally(passed: Int(row.9), failed: Int(row.10))),
                lastMs: row.11)
            for (day, answers) in zip(row.1, row.2) where Int(day) >= first {
                perDay[Int(day), default: 0] += Int(answers)
            }
        }

        // Cards started and known, by associate, deck and HSK level (kept by the fold).
        let cards = try await connection.query(
            query(
                """
                SELECT c.associate_id, c.deck, c.level, c.learning::int8, c.known::int8
                FROM report_coverage c
                WHERE \(byAssociate("c")) AND c.deck = ANY($2)
                    AND (c.learning <> 0 OR c.known <> 0)
                """), logger: logger)
        for try await (id, deck, level, learning, known) in cards.decode(
            (Int64, String, String, Int64, Int64).self)
        {
            tallies[id]?.addCards(
                deck: deck, level: level, learning: Int(learning), known: Int(known))
        }

        // The words failed in the period, and how many associates failed each: over every
        // day from the totals kept per cohort and word, from a first day by day.
        var words: [String: [String: CohortWord]] = [:]
        let wordCohorts = cohortFilter.replacingOccurrences(of: "a.cohort_id", with: "w.cohort_id")
        let failedWords = try await connection.query(
            query(
                since == nil
                    ? """
                    SELECT w.deck, w.note, sum(w.answers)::int8, sum(w.failed)::int8,
                        sum(w.associates)::int8
                    FROM report_word w
                    WHERE \(wordCohorts) AND w.deck = ANY($2)
                    GROUP BY w.deck, w.note HAVING sum(w.failed) > 0
                    """
                    : """
                    SELECT w.deck, w.note, sum(w.answers)::int8, sum(w.failed)::int8, 0::int8
                    FROM report_word_day w
                    WHERE \(wordCohorts) AND w.deck = ANY($2) AND w.day >= \(firstDay)
                    GROUP BY w.deck, w.note HAVING sum(w.failed) > 0
                    """), logger: logger)
        for try await (deck, note, answers, failed, associates) in failedWords.decode(
            (String, String, Int64, Int64, Int64).self)
        {
            guard var word = catalogue.word(deck: deck, note: note) else { continue }
            word.answers = Int(answers)
            word.failed = Int(failed)
            word.associates = Int(associates)
            words[deck, default: [:]][note] = word
        }
        if since != nil {
            let failures = try await connection.query(
                query(
                    """
                    SELECT f.deck, f.note, count(*)
                    FROM report_word_failure f
                    WHERE \(byAssociate("f")) AND f.deck = ANY($2)
                        AND f.last_failed_day >= \(firstDay)
                    GROUP BY f.deck, f.note
                    """), logger: logger)
            for try await (deck, note, count) in failures.decode((String, String, Int64).self) {
                words[deck]?[note]?.associates = Int(count)
            }
        }

        var reviewsPerDay: [CohortDay] = []
        if let start = perDay.keys.min(), let last = perDay.keys.max() {
            reviewsPerDay = (start...last).map {
                CohortDay(date: CalendarDate(dayNumber: $0), answers: perDay[$0] ?? 0)
            }
        }
        // In catalogue order before sorting, as a laptop lists them, so that ties fall alike.
        let hardest = catalogue.notesInOrder.compactMap { words[$0.deck]?[$0.note] }
            .sorted { ($1.failed, $1.associates, $0.hanzi) < ($0.failed, $0.associates, $1.hanzi) }
            .prefix(CohortReport.hardestCount)
        return CohortReport(
            generatedAt: now, since: since, decks: catalogue.deckTotals,
            associates: order.compactMap { tallies[$0]?.progress(catalogue: catalogue) },
            reviewsPerDay: reviewsPerDay, hardestWords: Array(hardest))
    }
}

/// The words of the report's decks, in deck order, as a report counts them.
struct ReportCatalogueSnapshot {
    struct NoteKey: Hashable {
        let deck: String
        let note: String
    }

    /// Decks with at least one active word, in the order of their first release.
    let decks: [(slug: String, title: String)]
    /// Active words in deck order, then file order.
    let notesInOrder: [NoteKey]
    private let words: [NoteKey: CohortWord]
    /// Cards per deck and per HSK level group (three cards per word).
    let cardsPerDeck: [String: Int]
    let cardsPerLevel: [String: Int]

    var deckTotals: [DeckTotal] {
        decks.map { DeckTotal(slug: $0.slug, title: $0.title, cards: cardsPerDeck[$0.slug] ?? 0) }
    }

    var cardCount: Int { notesInOrder.count * cardsPerWord }

    /// Recognition, production and typed pinyin.
    let cardsPerWord = 3

    func word(deck: String, note: String) -> CohortWord? {
        words[NoteKey(deck: deck, note: note)]
    }

    static func read(decks chosen: [String]?, on connection: PostgresConnection, logger: Logger)
        async throws -> ReportCatalogueSnapshot
    {
        let rows = try await connection.query(
            """
            SELECT d.slug, d.title, n.note, n.hanzi, n.pinyin, n.english,
                coalesce(n.hsk_level, 'none')
            FROM report_deck d JOIN report_note n ON n.deck = d.slug AND n.active
            WHERE \(chosen == nil) OR d.slug = ANY(\(chosen ?? []))
            ORDER BY d.first_release, n.position
            """, logger: logger)
        var decks: [(slug: String, title: String)] = []
        var notes: [NoteKey] = []
        var words: [NoteKey: CohortWord] = [:]
        var perDeck: [String: Int] = [:]
        var perLevel: [String: Int] = [:]
        for try await (slug, title, note, hanzi, pinyin, english, level) in rows.decode(
            (String, String, String, String, String, String, String).self)
        {
            if decks.last?.slug != slug { decks.append((slug, title)) }
            let key = NoteKey(deck: slug, note: note)
            notes.append(key)
            words[key] = CohortWord(hanzi: hanzi, pinyin: pinyin, english: english, deck: slug)
            perDeck[slug, default: 0] += 3
            perLevel[level, default: 0] += 3
        }
        return ReportCatalogueSnapshot(
            decks: decks, notesInOrder: notes, words: words, cardsPerDeck: perDeck,
            cardsPerLevel: perLevel)
    }
}

/// One associate's figures as the aggregate rows arrive.
struct AssociateTally {
    let name: String
    let displayName: String
    let timeZone: String
    let today: Int
    var studied: Set<Int> = []
    var introduced = 0
    var reviews = 0
    var durationMs: Int64 = 0
    var activeDays = 0
    var retention = TrueRetention()
    var lastMs: Int64?
    /// Cards learning and known, by deck and by HSK level group.
    var byDeck: [String: (learning: Int, known: Int)] = [:]
    var byLevel: [String: (learning: Int, known: Int)] = [:]

    mutating func add(
        studied days: [Int32], answers: Int, introduced: Int, durationMs: Int64,
        activeDays: Int, retention: TrueRetention, lastMs: Int64
    ) {
        studied.formUnion(days.lazy.map(Int.init))
        self.lastMs = max(self.lastMs ?? lastMs, lastMs)
        reviews += answers
        self.introduced += introduced
        self.durationMs += durationMs
        self.activeDays += activeDays
        self.retention = TrueRetention(
            young: self.retention.young + retention.young,
            mature: self.retention.mature + retention.mature)
    }

    mutating func addCards(deck: String, level: String, learning: Int, known: Int) {
        byDeck[deck, default: (0, 0)].learning += learning
        byDeck[deck, default: (0, 0)].known += known
        byLevel[level, default: (0, 0)].learning += learning
        byLevel[level, default: (0, 0)].known += known
    }

    func progress(catalogue: ReportCatalogueSnapshot) -> AssociateProgress {
        func coverage(_ group: String, total: Int, _ counts: (learning: Int, known: Int)?)
            -> Coverage
        {
            var coverage = Coverage(group: group)
            coverage.learning = counts?.learning ?? 0
            coverage.known = counts?.known ?? 0
            coverage.new = total - coverage.learning - coverage.known
            return coverage
        }
        let decks = catalogue.decks.map {
            coverage($0.slug, total: catalogue.cardsPerDeck[$0.slug] ?? 0, byDeck[$0.slug])
        }
        let levels = Coverage.levelOrder.map {
            coverage($0, total: catalogue.cardsPerLevel[$0] ?? 0, byLevel[$0])
        }
        return AssociateProgress(
            name: name, displayName: displayName, timeZone: timeZone,
            cardsIntroduced: introduced, cardsStarted: decks.reduce(0) { $0 + $1.started },
            cardsKnown: decks.reduce(0) { $0 + $1.known }, cardsTotal: catalogue.cardCount,
            reviews: reviews, minutes: Double(durationMs) / 1000 / 60, activeDays: activeDays,
            streak: StreakSummary(studied: studied, today: today), retention: retention,
            levels: levels, decks: decks, lastActive: lastMs.map { Date(millisecondsSince1970: $0) }
        )
    }
}
