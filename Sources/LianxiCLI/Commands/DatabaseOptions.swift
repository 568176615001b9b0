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
        try Rescheduling.replayPending(in: database) { associate in
            printError(
                "Replaying the answers of \(associate.name) under this version's card numbers "
                    + "(once; every answer is kept)...")
        }
        return database
    }
}
