import Foundation
import GRDB

extension StudyDatabase {
    /// The associate called `name`, or `nil`.
    public func associate(named name: String) throws -> Associate? {
        try writer.read { db in
            try AssociateRecord.filter(Column("name") == name).fetchOne(db)?.associate
        }
    }

    /// Every associate, by name.
    public func associates() throws -> [Associate] {
        try writer.read { db in
            try AssociateRecord.order(Column("name")).fetchAll(db).map(\.associate)
        }
    }

    /// Registers an associate with the default settings, or returns the one already there.
    ///
    /// `timeZone` is asked for only when the associate is new (the machine's time zone loads
    /// ICU's data, which no other part of a session's start needs).
    public func registerAssociate(
        named name: String, displayName: String? = nil, timeZone: @autoclosure () -> String,
        at time: Date
    ) throws -> (associate: Associate, isNew: Bool) {
        try writer.write { db in
            if let existing = try AssociateRecord.filter(Column("name") == name).fetchOne(db) {
                return (existing.associate, false)
            }
            var record = AssociateRecord(
                name: name, displayName: displayName ?? name, timeZone: timeZone(),
                createdAt: time)
            try record.insert(db)
            return (record.associate, true)
        }
    }

    /// Saves changed settings of an associate.
    public func update(_ associate: Associate) throws {
        try writer.write { db in
            guard var record = try AssociateRecord.fetchOne(db, key: associate.id) else {
                throw StorageError.other("the database", message: "no associate \(associate.name)")
            }
            try record.update(from: associate)
            try record.update(db)
        }
    }
}
