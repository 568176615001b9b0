import GRDB

/// A row of `card`: one way of studying a note.
struct CardRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "card"

    var id: Int64?
    var noteId: Int64
    private var kindName: String

    init(noteId: Int64, kind: CardKind) {
        self.noteId = noteId
        kindName = kind.rawValue
    }

    var kind: CardKind { CardKind(rawValue: kindName) ?? .recognition }

    enum CodingKeys: String, CodingKey {
        case id
        case noteId = "note_id"
        case kindName = "kind"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
