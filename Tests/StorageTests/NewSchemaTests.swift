import GRDB
import Testing

@testable import Storage

@Suite struct NewSchemaTests {
    /// Every schema object as SQLite keeps it (the page it starts on aside), by type and name.
    static func schema(_ db: Database) throws -> [Row] {
        try Row.fetchAll(
            db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
    }

    /// What a database records of its version: the migrations applied and `user_version`.
    static func version(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
            + [String(try Int.fetchOne(db, sql: "PRAGMA user_version") ?? -1)]
    }

    @Test func aNewDatabaseGetsTheSchemaThatReplayingTheMigrationsLeaves() throws {
        // Given: an empty database given the new schema, and one that replays every migration
        let made = try DatabaseQueue()
        try StudyDatabase.createNewSchema(in: made, migrator: StudyDatabase.migrator)
        let replayed = try DatabaseQueue()
        try StudyDatabase.migrator.migrate(replayed)

        // Then: the same tables, indexes and triggers, written the same, and the same version
        let madeSchema = try made.read(Self.schema)
        #expect(madeSchema.count > 30)
        #expect(madeSchema == (try replayed.read(Self.schema)))
        #expect(try made.read(Self.version) == (try replayed.read(Self.version)))
        #expect(try made.read(StudyDatabase.migrator.hasCompletedMigrations))
        #expect(try made.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") } == ["ok"])
    }

    @Test func aDatabaseWithAnythingInItIsLeftToTheMigrator() throws {
        // Given: a database with a table of its own, and one that a migrator extends
        let other = try DatabaseQueue()
        try other.write { try $0.execute(sql: "CREATE TABLE shopping (item TEXT)") }
        var extended = StudyDatabase.migrator
        extended.registerMigration("A later migration") { db in
            try db.execute(sql: "CREATE TABLE later (id INTEGER PRIMARY KEY)")
        }
        let new = try DatabaseQueue()

        // When
        try StudyDatabase.createNewSchema(in: other, migrator: StudyDatabase.migrator)
        try StudyDatabase.createNewSchema(in: new, migrator: extended)
        try extended.migrate(new)

        // Then: the first is untouched; the second got the schema, then the later migration
        #expect(try other.read { try $0.tableExists("note") } == false)
        #expect(try new.read { try $0.tableExists("note") && $0.tableExists("later") })
        let applied = try new.read { try extended.appliedIdentifiers($0) }
        #expect(applied == Set(extended.migrations))
    }
}
