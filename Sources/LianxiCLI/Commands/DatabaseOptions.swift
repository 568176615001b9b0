import ArgumentParser
import Foundation
import LianxiKit
import Storage

/// The `--db` option shared by every command that uses the database.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The database file.",
            discussion: "Default: $LIANXI_DB, else $XDG_DATA_HOME/lianxi/lianxi.sqlite.",
            valueName: "path"))
    var path: String?

    /// The database path this run uses.
    var resolvedPath: String {
        DataLocation.databasePath(
            explicit: path, environment: ProcessInfo.processInfo.environment)
    }

    /// Opens (and if needed creates and migrates) the database, saying where the copy made
    /// before a migration went.
    func open() throws -> StudyDatabase {
        let database = try StudyDatabase.open(at: resolvedPath)
        if let backup = database.migrationBackup {
            printError(
                "Updated the database to this version of Lianxi; the file as it was is kept "
                    + "at \(backup).")
        }
        let replayed = try Rescheduling.replayPending(in: database)
        if !replayed.isEmpty {
            printError(
                "Replayed the answers of \(replayed.joined(separator: ", ")) under the new card "
                    + "numbers; every answer is kept.")
        }
        return database
    }
}
