import Foundation
import LianxiKit
import Storage

extension StudyOptions {
    /// Opens the database and finds the associate, for commands that read or tune an
    /// associate's progress: unlike a review, they create neither the database nor the
    /// associate.
    func existingAssociate() throws -> (database: StudyDatabase, associate: Associate) {
        let path = database.resolvedPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandRefusal(
                "There is no database at \(path) yet: run `lianxi` to start studying, or give "
                    + "the database with --db PATH.")
        }
        let opened = try database.open()
        let name = associateName
        guard let associate = try opened.associate(named: name) else {
            let known = try opened.associates().map(\.name)
            throw CommandRefusal(
                "There is no associate \"\(name)\" in \(path). "
                    + (known.isEmpty
                        ? "No one has studied with it yet: run `lianxi --as \(name)` to start."
                        : "Associates: \(known.joined(separator: ", ")); choose one with "
                            + "--as NAME."))
        }
        return (opened, associate)
    }
}
