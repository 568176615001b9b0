import Foundation
import GRDB

extension StudyDatabase {
    /// Registers a new associate whose settings `configure` adjusts from the defaults, in one
    /// transaction; returns `nil`, changing nothing, if the name is already taken.
    public func addAssociate(
        named name: String, timeZone: String, at time: Date,
        configure: (inout Associate) -> Void
    ) throws -> Associate? {
        try writer.write { db in
            if try AssociateRecord.filter(Column("name") == name).fetchCount(db) > 0 {
                return nil
            }
            var record = AssociateRecord(
                name: name, displayName: name, timeZone: timeZone, createdAt: time)
            var associate = record.associate
            configure(&associate)
            associate.name = name
            try record.update(from: associate)
            try record.insert(db)
            return record.associate
        }
    }
}
