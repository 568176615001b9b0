import AcademyProtocol
import ChineseText
import CohortInsights
import Foundation
import SpacedRepetition
import Storage

/// `lianxi sync`: pushes the answers the server lacks, pulls deck releases and the associate's
/// answers from their other devices, and rebuilds card states by replay.
///
/// Everything from the network is fetched and checked first, then stored in one local
/// transaction: a failed sync changes nothing on the laptop, and the next one converges
/// (answers are keyed by id on both sides).
public enum AcademySync {
    /// What one sync did.
    public struct Report: Hashable, Sendable {
        /// Answers sent.
        public var pushed: Int
        /// Of those, answers the server did not have yet.
        public var newOnServer: Int
        /// Deck releases applied, with what each changed.
        public var decks: [DeckImportSummary]
        /// Answers from other devices added to the local log.
        public var pulled: Int
        /// Pulled answers to notes this database does not have.
        public var unknownNotes: Int
        /// Answers taken back here that were sent.
        public var retractionsSent = 0
        /// Settings changed here that were sent.
        public var settingsSent = 0
        /// Answers deleted here because they were taken back on another device.
        public var retracted = 0
        /// Settings that came from another device and were applied here.
        public var settingsReceived = 0
        /// Whether those settings rescheduled the cards.
        public var rescheduled = false
    }

    /// Enrols this laptop with a one-time code: stores the credential at `credentialPath`
    /// and registers the associate locally if the database does not know them.
    public static func enrol(
        server: String, code: String, deviceName: String, credentialPath: String,
        database: StudyDatabase, timeZone: String, at time: Date
    ) async throws -> EnrolmentResponse {
        let client = try AcademyClient(server: server, token: nil)
        let enrolment = try await client.enrol(code: code, deviceName: deviceName)
        let (associate, isNew) = try database.registerAssociate(
            named: enrolment.associate, timeZone: timeZone, at: time)
        if !isNew {
            // They studied here before: their settings go up with the first sync, stamped with
            // the day they were registered, so a later change on another laptop wins.
            try database.noteSettingsForFirstSync(of: associate.id, at: associate.createdAt)
        }
        try SyncCredential(
            server: client.server.absoluteString, associate: enrolment.associate,
            deviceToken: enrolment.deviceToken
        ).write(to: credentialPath)
        return enrolment
    }

    /// Syncs the associate of `credential` with the server.
    public static func sync(
        _ database: StudyDatabase, credential: SyncCredential, at time: Date
    ) async throws -> Report {
        let client = try AcademyClient(server: credential.server, token: credential.deviceToken)
        return try await sync(
            database, associateName: credential.associate, client: client, at: time)
    }

    /// Syncs the associate called `associateName` through `client`.
    public static func sync(
        _ database: StudyDatabase, associateName: String, client: AcademyClient, at time: Date
    ) async throws -> Report {
        guard let associate = try database.associate(named: associateName) else {
            throw SyncFailure(
                "this database has no associate \(associateName); was it enrolled with another "
                    + "database? Use the same --db, or enrol again")
        }
        // Up: every answer not acknowledged yet, in pushes of bounded size; down: deck
        // releases and answers after the cursor; both ways: answers taken back and settings.
        let nowMs = milliseconds(time)
        let start = try database.syncCursor(of: associate.id)
        let outgoing = try OutgoingChanges(database, associate: associate)
        // The answers are made into pushes after the read, not inside it: an old typed answer
        // without a verdict reads its note to check it (`NoteLookup`), and GRDB's reads are not
        // reentrant (a read inside the read stops the program).
        var notes = NoteLookup(database: database)
        let pending = try database.unacknowledgedReviews(of: associate.id).map {
            try syncedAnswer($0, notes: &notes)
        }
        let before = settingValues(of: associate)
        // What the arrival's replay needs (`scheduler`) is made while the requests are under
        // way, not after the last answer (the scheduler's time zone reads ICU's data the first
        // time).
        //
        // A day's sync (no more than a thousand answers, nothing taken back or changed here)
        // is one request: the push, the first page of the pull and of the changes, for one
        // token check. A server from before `POST /v1/sync` answers 404, and the sync goes on
        // as the separate requests.
        var scheduler: (any Scheduler)?
        var together: SyncResponse?
        if client.syncsInOneRequest, outgoing.isEmpty,
            pending.count <= AcademyLimits.answersPerSync
        {
            let changesAfter = try database.changeCursor(of: associate.id)
            async let answer = client.sync(
                pending, releasesAfter: start.releases, answersAfter: start.answers,
                changesAfter: changesAfter)
            scheduler = try associate.makeScheduler()
            do {
                together = try await answer
            } catch let failure as SyncFailure where failure.status == 404 {
                together = nil
            }
        }
        let acknowledged: [String]
        let newOnServer: Int
        let releases: [String: DeckRelease]
        let answers: [SyncedAnswer]
        let cursor: SyncCursor
        let exchange: ChangeExchange
        if let together {
            let sent = Set(pending.map(\.id))
            acknowledged = together.push.acknowledged.filter { sent.contains($0) }
            newOnServer = together.push.added
            (releases, answers, cursor) = try await pull(
                after: start, first: together.pull, through: client)
            exchange = try await exchangeChanges(
                database, associate: associate, client: client, nowMs: nowMs, outgoing: outgoing,
                firstPage: together.changes)
        } else {
            // The three go out together (none needs another's answer: a pull passes over this
            // device's own answers, and a retraction keeps its answer out whichever arrives
            // first), so a sync waits for the slowest rather than for their sum.
            async let pulling = pull(after: start, through: client)
            async let exchanging = exchangeChanges(
                database, associate: associate, client: client, nowMs: nowMs, outgoing: outgoing)
            async let pushing = push(pending, through: client)
            let made = try scheduler ?? associate.makeScheduler()
            scheduler = made
            (acknowledged, newOnServer) = try await pushing
            (releases, answers, cursor) = try await pulling
            exchange = try await exchanging
        }
        let replayScheduler = try scheduler ?? associate.makeScheduler()
        let decks = try releases.values.sorted { $0.id < $1.id }.map(deckContent)
        var pulled: [PulledAnswer] = []
        for answer in answers {
            let problems = answer.problems(nowMs: nowMs)
            guard problems.isEmpty, let kind = CardKind(rawValue: answer.card),
                let rating = Rating(rawValue: answer.rating)
            else {
                throw SyncFailure(
                    "the server sent an answer this lianxi refuses (\(answer.id.prefix(40))): "
                        + problems.joined(separator: "; "))
            }
            pulled.append(
                PulledAnswer(
                    id: answer.id, deck: answer.deck, note: answer.note, kind: kind,
                    reviewedAt: Date(timeIntervalSince1970: Double(answer.reviewedAtMs) / 1000),
                    rating: rating,
                    duration: answer.durationMs.map { Double($0) / 1000 },
                    verdict: kind == .pinyin
                        ? answer.verdict.flatMap(AnswerVerdict.init(rawValue:)) : nil))
        }
        let stored = try database.storeSync(
            SyncArrival(
                decks: decks, answers: pulled, acknowledged: acknowledged, cursor: cursor,
                changes: exchange.arrival),
            for: associate.id, at: time
        ) { cardId, answers in
            ReplayCheck.outcomes(
                of: answers, cardId: cardId, with: replayScheduler, associateId: associate.id)
        }
        if stored.rescheduled {
            // The settings stored with the sync put the associate in pending_replay: rebuild
            // now (a crash before this rebuilds before they next study).
            try Rescheduling.replayPending(in: database)
        }
        let after = try database.associate(named: associateName).map(settingValues) ?? before
        return Report(
            pushed: pending.count, newOnServer: newOnServer, decks: stored.decks,
            pulled: stored.added, unknownNotes: stored.unknownNotes,
            retractionsSent: exchange.retractionsSent, settingsSent: exchange.settingsSent,
            retracted: stored.retracted,
            settingsReceived: before.keys.filter { before[$0] != after[$0] }.count,
            rescheduled: stored.rescheduled)
    }

    /// Pushes `pending` in pushes of at most ``AcademyLimits/answersPerPush``, two under way at
    /// once (the server reads one while it stores the other); returns the ids the server
    /// acknowledged and how many were new to it.
    static func push(_ pending: [SyncedAnswer], through client: AcademyClient) async throws
        -> (acknowledged: [String], added: Int)
    {
        let batches = stride(from: 0, to: pending.count, by: AcademyLimits.answersPerPush).map {
            Array(pending[$0..<min(pending.count, $0 + AcademyLimits.answersPerPush)])
        }
        return try await withThrowingTaskGroup(of: (Set<String>, PushResponse).self) { group in
            var next = 0
            func send() {
                let batch = batches[next]
                group.addTask { (Set(batch.map(\.id)), try await client.push(batch)) }
                next += 1
            }
            while next < min(batches.count, 2) { send() }
            var acknowledged: [String] = []
            var added = 0
            while let (sent, response) = try await group.next() {
                acknowledged += response.acknowledged.filter { sent.contains($0) }
                added += response.added
                if next < batches.count { send() }
            }
            return (acknowledged, added)
        }
    }

    /// Pulls deck releases and the associate's answers after `start`, page by page; returns the
    /// newest release of each deck, the answers and the cursor after them.
    ///
    /// With `first` (the pull of a `POST /v1/sync`), the pull starts with that page.
    static func pull(
        after start: SyncCursor, first: PullResponse? = nil, through client: AcademyClient
    ) async throws
        -> (releases: [String: DeckRelease], answers: [SyncedAnswer], cursor: SyncCursor)
    {
        var cursor = start
        var releases: [String: DeckRelease] = [:]
        var answers: [SyncedAnswer] = []
        var pages = 0
        var given = first
        while true {
            let page: PullResponse
            if let taken = given {
                page = taken
                given = nil
            } else {
                page = try await client.pull(
                    releasesAfter: cursor.releases, answersAfter: cursor.answers)
            }
            for release in page.releases where release.id > cursor.releases {
                releases[release.slug] = release
            }
            guard page.answerCursor >= cursor.answers, page.releaseCursor >= cursor.releases else {
                throw SyncFailure("the server's cursor went backwards; is it the same server?")
            }
            answers += page.answers
            cursor = SyncCursor(releases: page.releaseCursor, answers: page.answerCursor)
            pages += 1
            guard page.more, pages < 10_000 else { break }
        }
        return (releases, answers, cursor)
    }

    /// Sends deck files to the server as new releases, with the checks of `deck import`: every
    /// problem of every file (`file:line: what`), and nothing published if there is one.
    public static func publish(
        files: [String], options: DeckReadOptions = DeckReadOptions(), client: AcademyClient
    ) async throws -> PublishResponse {
        let (decks, problems) = DeckLibrary.read(files: files, options: options)
        guard problems.isEmpty else { throw DeckProblems(problems) }
        return try await client.publish(
            decks.map {
                DeckUpload(slug: $0.deck.metadata.slug, text: LianxiDeckFile.text(for: $0.deck))
            })
    }

    /// The lines telling the person what a sync did.
    public static func describe(_ report: Report) -> [String] {
        let answers = { (count: Int) in "\(count) answer\(count == 1 ? "" : "s")" }
        var lines = [
            "Sent \(answers(report.pushed)) (\(report.newOnServer) new to the server); "
                + "received \(answers(report.pulled)) from your other devices."
        ]
        var undos: [String] = []
        if report.retractionsSent > 0 {
            undos.append("Took back \(answers(report.retractionsSent)) on the server (undone here)")
        }
        if report.retracted > 0 {
            undos.append("removed \(answers(report.retracted)) undone on your other devices")
        }
        if !undos.isEmpty { lines.append(sentence(undos)) }
        let settings = { (count: Int) in "\(count) setting\(count == 1 ? "" : "s")" }
        var changes: [String] = []
        if report.settingsSent > 0 {
            changes.append("Sent \(settings(report.settingsSent)) changed here")
        }
        if report.settingsReceived > 0 {
            changes.append(
                "applied \(settings(report.settingsReceived)) changed on your other devices"
                    + (report.rescheduled ? " (cards rescheduled)" : ""))
        }
        if !changes.isEmpty { lines.append(sentence(changes)) }
        for deck in report.decks {
            lines.append("Deck release: " + DeckLibrary.describe(deck, file: deck.slug))
        }
        if report.unknownNotes > 0 {
            lines.append(
                "\(answers(report.unknownNotes)) from the server are to notes this database does "
                    + "not have; they stay on the server.")
        }
        return lines
    }

    /// Clauses joined into one sentence that starts with a capital.
    static func sentence(_ clauses: [String]) -> String {
        let text = clauses.joined(separator: "; ") + "."
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// An answer as it travels, with the answer checker's verdict on a typed pinyin answer (the
    /// trainers' report tells tone slips from wrong syllables): the verdict stored with the
    /// answer, or for an answer stored before verdicts were kept, the typed text checked again
    /// against the note's pinyin.
    static func syncedAnswer(_ review: ReviewRecordExport, notes: inout NoteLookup) throws
        -> SyncedAnswer
    {
        var verdict = review.entry.verdict?.rawValue
        if verdict == nil, review.kind == .pinyin || review.kind == .listening,
            let typed = review.entry.typedAnswer,
            let note = try notes.note(review.noteKey, inDeck: review.deck),
            let expected = try? Pinyin(parsing: note.pinyin)
        {
            verdict =
                switch AnswerChecker.check(typed: typed, expected: expected, hanzi: note.hanzi)
                    .verdict
                {
                case .correct: "correct"
                case .tonesOnly: "tones-only"
                case .wrong: "wrong"
                }
        }
        return SyncedAnswer(
            id: review.entry.id, deck: review.deck, note: review.noteKey,
            card: review.kind.rawValue,
            reviewedAtMs: milliseconds(review.entry.reviewedAt),
            rating: review.entry.rating.rawValue,
            durationMs: review.entry.duration.map {
                min(Int64(($0 * 1000).rounded()), AcademyLimits.maxDurationMs)
            },
            typedAnswer: review.entry.typedAnswer.map {
                String($0.utf8.prefix(AcademyLimits.maxTextBytes)) ?? ""
            }, verdict: verdict, phaseBefore: review.entry.phaseBefore,
            phaseAfter: review.entry.phaseAfter, intervalSeconds: review.entry.interval,
            previousIntervalSeconds: review.previousInterval)
    }

    /// The notes of decks read once each, for verdicts.
    struct NoteLookup {
        let database: StudyDatabase
        var decks: [String: [String: NoteContent]] = [:]

        mutating func note(_ key: String, inDeck slug: String) throws -> NoteContent? {
            if decks[slug] == nil {
                let notes = try database.deck(slug)?.notes ?? []
                decks[slug] = Dictionary(notes.map { ($0.key, $0) }) { first, _ in first }
            }
            return decks[slug]?[key]
        }
    }

    static func milliseconds(_ time: Date) -> Int64 {
        time.millisecondsSince1970
    }

    static func deckContent(_ release: DeckRelease) throws -> DeckContent {
        let deck: DeckContent
        do {
            deck = try DeckReader.read(Data(release.text.utf8), file: "\(release.slug).tsv")
        } catch {
            throw SyncFailure(
                "the release \(release.id) of the deck \(release.slug) does not read as a deck: "
                    + error.problems.map(\.message).joined(separator: "; "))
        }
        guard deck.metadata.slug == release.slug else {
            throw SyncFailure(
                "the release \(release.id) is named \(release.slug) but reads as the deck "
                    + deck.metadata.slug)
        }
        return deck
    }
}
