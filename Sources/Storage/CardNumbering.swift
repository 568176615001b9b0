import GRDB

/// A card's id follows from its note: `note id × 4 + the kind's number`.
///
/// So a card's note and kind are read off its id (a study session needs no join to find
/// siblings), and a deck import writes only its notes. The `card` row, which the foreign keys
/// of `card_state` and `review_log` point to, is written when a card is first studied,
/// buried or suspended (``ensureRows(_:in:)``). The fourth number, once spare, is listening's.
enum CardNumbering {
    /// Ids per note.
    static let idsPerNote: Int64 = 4

    /// The id of the card of kind `kind` of the note `noteId`.
    static func cardId(note noteId: Int64, kind: CardKind) -> Int64 {
        noteId * idsPerNote + kind.number
    }

    /// The note of the card `cardId`.
    static func noteId(ofCard cardId: Int64) -> Int64 {
        cardId / idsPerNote
    }

    /// The kind of the card `cardId` (`nil` for a negative id).
    static func kind(ofCard cardId: Int64) -> CardKind? {
        CardKind.allCases.first { $0.number == cardId % idsPerNote }
    }

    /// A table expression `card_kind(number, name)` listing the kinds, for queries over every
    /// card of some notes (most of those cards have no row yet).
    static let kindTable =
        "card_kind(number, name) AS (VALUES "
        + CardKind.allCases.map { "(\($0.number), '\($0.rawValue)')" }.joined(separator: ", ")
        + ")"

    /// The SQL expression, for a card id column, of its note's id.
    static func noteIdSQL(_ cardIdColumn: String) -> String {
        "(\(cardIdColumn) / \(idsPerNote))"
    }

    /// The SQL expression, for a card id column, of its kind's number.
    static func kindNumberSQL(_ cardIdColumn: String) -> String {
        "(\(cardIdColumn) % \(idsPerNote))"
    }

    /// Writes the `card` rows of `cardIds` that do not exist yet (the ids must belong to
    /// existing notes: a foreign key checks it).
    static func ensureRows(_ cardIds: some Sequence<Int64>, in db: Database) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO card (id, note_id, kind) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING"
        )
        for cardId in cardIds {
            guard let kind = kind(ofCard: cardId) else {
                throw DatabaseError(
                    resultCode: .SQLITE_CONSTRAINT, message: "no card can have the id \(cardId)")
            }
            try statement.execute(arguments: [cardId, noteId(ofCard: cardId), kind.rawValue])
        }
    }
}

extension CardKind {
    /// The kind's number in card ids (see ``CardNumbering``); frozen: never renumber.
    var number: Int64 {
        switch self {
        case .recognition: 0
        case .production: 1
        case .pinyin: 2
        case .listening: 3
        }
    }
}
