import Foundation
import SpacedRepetition
import Storage

/// Merges progress bundles into a database: all files or, if any is wrong, none.
public enum BundleImport {
    /// What importing one file did.
    public struct Report: Hashable, Sendable {
        /// The file.
        public let file: String
        /// The associate whose answers it holds.
        public let associate: String
        /// Whether the associate was registered by this import.
        public let isNewAssociate: Bool
        /// Answers added to the log.
        public let added: Int
        /// Answers the log already had.
        public let alreadyThere: Int
        /// Answers to notes this database does not have, by deck and note key, with how many
        /// answers each; they are not imported.
        public let unknownNotes: [UnknownNote]

        /// Answers not imported because their note is unknown.
        public var notImported: Int { unknownNotes.reduce(0) { $0 + $1.answers } }
    }

    /// A note a bundle names that the database does not have.
    public struct UnknownNote: Hashable, Sendable, Comparable {
        /// The deck's slug.
        public let deck: String
        /// The note's key.
        public let note: String
        /// How many answers the bundle has for it.
        public let answers: Int

        /// Ordered by deck, then note.
        public static func < (lhs: UnknownNote, rhs: UnknownNote) -> Bool {
            (lhs.deck, lhs.note) < (rhs.deck, rhs.note)
        }
    }

    /// Reads the files, checks them all against the clock `now` (no time after a day past it),
    /// and merges them in one transaction.
    ///
    /// Throws ``BundleProblems`` listing every problem of every file, having changed nothing.
    public static func importFiles(
        _ files: [String], into database: StudyDatabase, at now: Date
    ) throws -> [Report] {
        var bundles: [(file: String, bundle: ProgressBundle)] = []
        var problems: [BundleProblem] = []
        for file in files {
            do {
                let data = try InputFile(path: file).contents(
                    atMost: ProgressBundle.maximumFileSize)
                bundles.append((file, try ProgressBundle.decode(data, file: file, readAt: now)))
            } catch let problem as BundleProblem {
                problems.append(problem)
            } catch InputFile.Refusal.missing {
                problems.append(BundleProblem(file: file, problems: ["no such file"]))
            } catch let refusal as InputFile.Refusal {
                problems.append(
                    BundleProblem(file: file, problems: [refusal.message(for: "a progress bundle")])
                )
            } catch {
                problems.append(
                    BundleProblem(
                        file: file,
                        problems: ["cannot be read (\((error as NSError).localizedDescription))"]))
            }
        }
        for (file, bundle) in bundles {
            let owners = try database.answerOwners(
                of: bundle.reviews.map(\.id), otherThan: bundle.associate.name)
            if !owners.isEmpty {
                let (id, owner) = owners.sorted { $0.key < $1.key }[0]
                problems.append(
                    BundleProblem(
                        file: file,
                        problems: [
                            "\(owners.count) of its answers (\(id) first) are already in this "
                                + "database as answers of \(owner), not of "
                                + "\(bundle.associate.name); was the bundle renamed?"
                        ]))
            }
        }
        guard problems.isEmpty else { throw BundleProblems(problems: problems) }
        return try merge(bundles, into: database)
    }

    /// Merges bundles already read and checked, in one transaction.
    public static func merge(
        _ bundles: [(file: String, bundle: ProgressBundle)], into database: StudyDatabase
    ) throws -> [Report] {
        var cardsByDeck: [String: [String: [CardKind: Int64]]] = [:]
        var histories: [IncomingHistory] = []
        var unknown: [[UnknownNote]] = []
        for (_, bundle) in bundles {
            var reviews: [PastReview] = []
            var missing: [String: [String: Int]] = [:]
            for review in bundle.reviews {
                if cardsByDeck[review.deck] == nil {
                    cardsByDeck[review.deck] = try database.cardIds(inDeck: review.deck)
                }
                guard let cardId = cardsByDeck[review.deck]?[review.note]?[review.card] else {
                    missing[review.deck, default: [:]][review.note, default: 0] += 1
                    continue
                }
                reviews.append(
                    PastReview(
                        id: review.id, cardId: cardId, reviewedAt: review.reviewedAt,
                        rating: review.rating,
                        duration: review.durationMs.map { Double($0) / 1000 },
                        verdict: review.verdict))
            }
            let settings = bundle.associate
            histories.append(
                IncomingHistory(
                    name: settings.name,
                    newcomer: IncomingHistory.Newcomer(
                        timeZone: settings.timeZone, createdAt: settings.createdAt,
                        configure: { settings.apply(to: &$0) }),
                    reviews: reviews))
            unknown.append(
                missing.flatMap { deck, notes in
                    notes.map { UnknownNote(deck: deck, note: $0.key, answers: $0.value) }
                }.sorted())
        }
        let merged = try HistoryMerge.merge(histories, into: database)
        return zip(bundles, zip(histories, zip(merged, unknown))).map { item in
            let (file, _) = item.0
            let (history, (result, unknownNotes)) = item.1
            return Report(
                file: file, associate: history.name, isNewAssociate: result.isNewAssociate,
                added: result.added, alreadyThere: history.reviews.count - result.added,
                unknownNotes: unknownNotes)
        }
    }

    /// The lines telling the person at the keyboard what one file did.
    public static func describe(_ report: Report) -> [String] {
        let answers = { (count: Int) in "\(count) answer\(count == 1 ? "" : "s")" }
        var lines = [
            "\(report.file): \(report.associate)"
                + (report.isNewAssociate ? " (registered now)" : "")
                + ": \(answers(report.added)) added, \(report.alreadyThere) already there."
        ]
        if !report.unknownNotes.isEmpty {
            let notes = report.unknownNotes.map { "\($0.deck)/\($0.note) (\(answers($0.answers)))" }
            lines.append(
                "\(report.file): \(answers(report.notImported)) not imported, to notes this "
                    + "database does not have: \(notes.joined(separator: ", ")). Import their "
                    + "decks, then this bundle again.")
        }
        return lines
    }
}

/// Every problem of every bundle file given; nothing was imported.
public struct BundleProblems: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, by file.
    public let problems: [BundleProblem]

    /// `file: problem` lines.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

extension HistoryMerge {
    /// Merges several associates' answers in one transaction (registering associates not yet
    /// known), replaying every card touched with its associate's scheduler.
    public static func merge(_ histories: [IncomingHistory], into database: StudyDatabase)
        throws -> [MergedHistory]
    {
        var schedulers: [Int64: any Scheduler] = [:]
        return try database.mergeHistories(histories) { associate, cardId, answers in
            let scheduler: any Scheduler
            if let known = schedulers[associate.id] {
                scheduler = known
            } else {
                scheduler = try associate.makeScheduler()
                schedulers[associate.id] = scheduler
            }
            return ReplayCheck.outcomes(
                of: answers, cardId: cardId, with: scheduler, associateId: associate.id)
        }
    }
}
