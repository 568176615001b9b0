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

    /// Opens (and if needed creates and migrates) the database.
    func open() throws -> StudyDatabase {
        try StudyDatabase.open(at: resolvedPath)
    }
}
