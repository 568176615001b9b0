import Foundation
import Storage

/// What `lianxi doctor` finds in a study database: the file's integrity, rows pointing
/// nowhere, the schema version, and whether every card state is the replay of its answers.
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

        /// Whether `lianxi doctor --repair` can fix it (by replaying the review log).
        public var isRepairable: Bool {
            if case .stateDiffersFromLog = self { return true }
            return false
        }

        /// Whether it makes a replay of the log untrustworthy, so nothing may be repaired.
        public var blocksRepair: Bool {
            switch self {
            case .damagedFile, .danglingRow: true
            case .oldSchema, .stateDiffersFromLog, .cannotReplay, .unreadableParameters,
                .unknownTimeZone:
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

    /// Examines `database`, reading only; replays the cards of every associate, or only of
    /// the one named `only`.
    public static func examine(_ database: StudyDatabase, only: String? = nil) throws -> Checkup {
        var problems: [Problem] = []
        problems += try database.integrityCheck().map(Problem.damagedFile)
        problems += try database.foreignKeyProblems().map(Problem.danglingRow)
        let schema = try database.schemaVersion()
        if !schema.isCurrent { problems.append(.oldSchema(schema)) }
        let associates = try database.associates().filter { only == nil || $0.name == only }
        var answers = 0
        for associate in associates {
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
            do {
                answers += try database.reviewLog(for: associate.id).count
                let cards = try ReplayCheck.mismatches(in: database, for: associate)
                if !cards.isEmpty {
                    problems.append(.stateDiffersFromLog(associate: associate.name, cards: cards))
                }
            } catch {
                problems.append(.cannotReplay(associate: associate.name, reason: "\(error)"))
            }
        }
        return Checkup(
            schema: schema, associates: associates.count, answers: answers, problems: problems)
    }

    /// The report, one line each: what was checked, then every problem.
    public var lines: [String] {
        var lines = [
            "Schema version \(schema.applied) of \(schema.latest)"
                + (schema.isCurrent ? ", up to date." : "."),
            "Checked the file's integrity and every row's links.",
            "Replayed \(answers) answer\(answers == 1 ? "" : "s") of \(associates) "
                + "associate\(associates == 1 ? "" : "s") against their card states.",
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
                    "`lianxi doctor --repair` rebuilds the card states from the answers "
                        + "(the answers are the record; nothing else changes).")
            }
        }
        return lines
    }
}
