import GRDB
import Testing

@testable import Storage

/// The audio and listening settings travel since their own migration: their changes are noted
/// as the other settings' are, and a laptop migrated to it reads the server's settings again.
@Suite struct LaterSettingsTests {
    static let before = "Keep a tally of each associate's answers per quarter hour"

    /// The settings noted as changed and not yet sent.
    static func pending(_ db: Database) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT name FROM setting_change WHERE pending = 1 ORDER BY name")
    }

    @Test(arguments: ["play_audio", "listening"])
    func aMigratedLaptopNotesTheirChangesAndReadsEverySettingAgain(column: String) throws {
        // Given: a laptop from before, whose associate synced changes up to 42 and turned the
        // setting on (a change the older triggers do not note)
        let queue = try DatabaseQueue()
        try StudyDatabase.migrator.migrate(queue, upTo: Self.before)
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO associate (id, name, display_name, time_zone, created_at_ms)
                    VALUES (1, 'ana', 'Ana', 'Europe/Lisbon', 0);
                    INSERT INTO sync_cursor (associate_id, change_cursor) VALUES (1, 42);
                    UPDATE associate SET \(column) = 1;
                    """)
        }
        #expect(try queue.read(Self.pending).isEmpty)

        // When: migrated, and the setting turned off
        try StudyDatabase.migrator.migrate(queue)
        try queue.write { try $0.execute(sql: "UPDATE associate SET \(column) = 0") }

        // Then: the change waits to be sent, and the next sync reads the changes from the start
        #expect(try queue.read(Self.pending) == [column])
        #expect(
            try queue.read { try Int64.fetchOne($0, sql: "SELECT change_cursor FROM sync_cursor") }
                == 0)
    }
}
