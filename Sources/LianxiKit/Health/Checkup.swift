import Foundation
import Storage

/// What `lianxi doctor` finds in a study database: the file's integrity, rows pointing
/// nowhere, the schema version, whether every card state is the replay of its answers, and
/// whether the tally statistics read is the count of those answers.
public struct Checkup: Hashable, Sendable {
    /// Something wrong, in words for the person at the keyboard.
    public enum Problem: Hashable, Sendable, CustomStringConvertible {
        /// `PRAGMA integrity_check` found damage in the file.
        case damagedFile(String)
        /// A row points to a row that is not there.
        case danglingRow(String)
        /// The schema is older than this Lianxi's.
        case oldSchema(SchemaVersion)
        /// Card states of an associate differ from the replay of their answers.
        case stateDiffersFromLog(associate: String, cards: [Int64])
        /// The tally of an associate's answers per quarter hour (what `lianxi stats` reads)
        /// differs from their answers in `quarterHours` quarter hours.
        case tallyDiffersFromLog(associate: String, quarterHours: Int)
        /// An associate's cards could not be replayed at all.
        case cannotReplay(associate: String, reason: String)
        /// An associate's stored FSRS parameters are not a list of numbers.
        case unreadableParameters(UnreadableParameters)
        /// An associate's time zone is not known on this machine (days are counted in UTC).
        case unknownTimeZone(associate: String, zone: String)

        /// The problem in plain words.
        public var description: String {
            switch self {
            case .damagedFile(let detail):
                "The file is damaged: \(detail)."
            case .danglingRow(let detail):
                "A row points nowhere: \(detail)."
            case .oldSchema(let version):
                "The database is at schema version \(version.applied); this Lianxi writes "
                    + "version \(version.latest)."
            case .stateDiffersFromLog(let associate, let cards):
                "\(cards.count) card\(cards.count == 1 ? "" : "s") of \(associate) "
                    + "\(cards.count == 1 ? "is" : "are") not where "
                    + "\(associate)'s answers put \(cards.count == 1 ? "it" : "them") (card "
                    + cards.prefix(10).map(String.init).joined(separator: ", ")
                    + (cards.count > 10 ? ", …" : "") + ")."
            case .tallyDiffersFromLog(let associate, let quarterHours):
                "The statistics' tally of \(associate)'s answers does not match the answers "
                    + "in \(quarterHours) quarter hour\(quarterHours == 1 ? "" : "s"), so "
                    + "`lianxi stats` would show wrong counts there."
            case .cannotReplay(let associate, let reason):
                "The answers of \(associate) cannot be replayed: \(reason)."
            case .unreadableParameters(let problem):
                "\(problem)"
            case .unknownTimeZone(let associate, let zone):
                "The time zone of \(associate), \"\(zone)\", is not known on this machine, so "
                    + "their days are counted in UTC. Set theirs with `lianxi associate set "
                    + "\(associate) --time-zone ZONE` (an IANA name such as Asia/Shanghai)."
            }
        }

        /// Whether `lianxi doctor --repair` can fix it (by replaying or recounting the review
        /// log).
        public var isRepairable: Bool {
            switch self {
            case .stateDiffersFromLog, .tallyDiffersFromLog: true
            default: false
            }
        }

        /// Whether it makes a replay of the log untrustworthy, so nothing may be repaired.
        public var blocksRepair: Bool {
            switch self {
            case .damagedFile, .danglingRow: true
            case .oldSchema, .stateDiffersFromLog, .tallyDiffersFromLog, .cannotReplay,
                .unreadableParameters, .unknownTimeZone:
                false
            }
        }
    }

    /// The schema version found.
    public let schema: SchemaVersion
    /// Associates whose cards were replayed.
    public let associates: Int
    /// Answers replayed.
    public let answers: Int
    /// Everything wrong; empty when the database is healthy.
    public let problems: [Problem]

    /// Whether nothing is wrong.
    public var isHealthy: Bool { problems.isEmpty }

    /// How far the file itself was checked.
    public let isThorough: Bool

    /// Examines `database`, reading only.
    ///
    /// Replays the cards of every associate, or only of the one named `only`. `thorough` also
    /// checks every index entry against its row (``fileProblems(_:thorough:)``).
    public static func examine(
        _ database: StudyDatabase, only: String? = nil, thorough: Bool = false
    ) throws -> Checkup {
        try examine(database, only: only, thorough: thorough) { _, _, _ in }
    }

    /// Examines `database` as ``examine(_:only:thorough:)`` does, and calls `found` with each
    /// associate whose card states or tally differ from their answers, and the problem, as
    /// soon as their replay or recount is done and before the file's own check may have
    /// finished; `fileProblems` waits for that check and gives what it found.
    static func examine(
        _ database: StudyDatabase, only: String?, thorough: Bool,
        found: (
            _ associate: Associate, _ problem: Problem, _ fileProblems: () throws -> [Problem]
        ) throws -> Void
    ) throws -> Checkup {
        // The file is checked on a connection of its own, on another core, while the cards
        // are replayed here: on a large collection each takes about as long as the other.
        let companion = try database.separateReader()
        let fileCheck = FileCheck()
        let group = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            fileCheck.result = Result { try fileProblems(companion, thorough: thorough) }
        }
        defer { group.wait() }
        let checkedFile = {
            group.wait()
            return try fileCheck.result?.get() ?? fileProblems(database, thorough: thorough)
        }
        var problems: [Problem] = []
        let schema = try database.schemaVersion()
        if !schema.isCurrent { problems.append(.oldSchema(schema)) }
        let associates = try database.associates().filter { only == nil || $0.name == only }
        var answers = 0
        for associate in associates {
            // The tally needs no scheduler: it is checked whatever the replay finds.
            let (stored, recounted) = try database.answerTallyAndRecount(of: associate.id)
            if stored != recounted {
                let differing = Set(Set(stored).symmetricDifference(recounted).map(\.quarterHour))
                let problem = Problem.tallyDiffersFromLog(
                    associate: associate.name, quarterHours: differing.count)
                problems.append(problem)
                try found(associate, problem, checkedFile)
            }
            if !associate.hasKnownTimeZone {
                problems.append(
                    .unknownTimeZone(associate: associate.name, zone: associate.timeZone))
            }
            if let stored = associate.unreadableParameters {
                problems.append(
                    .unreadableParameters(
                        UnreadableParameters(associate: associate.name, stored: stored)))
                // An FSRS replay needs them: it is reported once, above.
                if associate.scheduler == .fsrs { continue }
            }
            let cards: [Int64]
            do {
                let (replayed, differing) = try ReplayCheck.examine(in: database, for: associate)
                answers += replayed
                cards = differing
            } catch {
                problems.append(.cannotReplay(associate: associate.name, reason: "\(error)"))
                continue
            }
            if !cards.isEmpty {
                let problem = Problem.stateDiffersFromLog(associate: associate.name, cards: cards)
                problems.append(problem)
                try found(associate, problem, checkedFile)
            }
        }
        problems = try checkedFile() + problems
        return Checkup(
            schema: schema, associates: associates.count, answers: answers, problems: problems,
            isThorough: thorough)
    }

    /// The file's check, run on another thread; `DispatchGroup.wait()` orders the write before
    /// the read.
    private final class FileCheck: @unchecked Sendable {
        var result: Result<[Problem], any Error>?
    }

    /// What is wrong with the file itself: damage and rows pointing nowhere (the problems
    /// that block a repair), without replaying anything.
    ///
    /// Every page, row and constraint is checked; `thorough` also looks up every row in each
    /// of its indexes (`PRAGMA integrity_check` rather than `quick_check`), which on a large
    /// log takes three times as long as the rest of the check.
    public static func fileProblems(_ database: StudyDatabase, thorough: Bool = false) throws
        -> [Problem]
    {
        try database.integrityCheck(thorough: thorough).map(Problem.damagedFile)
            + database.foreignKeyProblems().map(Problem.danglingRow)
    }

    /// The report, one line each: what was checked, then every problem.
    public var lines: [String] {
        var lines = [
            "Schema version \(schema.applied) of \(schema.latest)"
                + (schema.isCurrent ? ", up to date." : "."),
            isThorough
                ? "Checked the file's integrity, every index against its rows, and every row's "
                    + "links."
                : "Checked the file's integrity and every row's links (`--thorough` also checks "
                    + "every index against its rows).",
            "Replayed \(answers) answer\(answers == 1 ? "" : "s") of \(associates) "
                + "associate\(associates == 1 ? "" : "s") against their card states, and "
                + "counted them against the statistics' tally.",
        ]
        if problems.isEmpty {
            lines.append("All is well.")
        } else {
            lines += problems.map { "Problem: \($0)" }
            if problems.contains(where: \.blocksRepair) {
                lines.append(
                    "Keep a copy of the file and restore a backup (a `.backup-v…` file beside "
                        + "it, or your own); `--repair` will not replay a damaged file.")
            } else if problems.contains(where: \.isRepairable) {
                lines.append(
                    "`lianxi doctor --repair` rebuilds the card states and the tally from the "
                        + "answers (the answers are the record; nothing else changes).")
            }
        }
        return lines
    }
}
