import Foundation
import GRDB
import SpacedRepetition

/// A row of `deck`.
struct DeckRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "deck"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: Int64?
    var slug: String
    var title: String
    var description: String
    var version: String?
    var source: String
    var contentHash: String
    private var importedAtMs: Int64

    init(_ metadata: DeckMetadata, contentHash: String, importedAt: Date) {
        slug = metadata.slug
        title = metadata.title
        description = metadata.description
        version = metadata.version
        source = metadata.source
        self.contentHash = contentHash
        importedAtMs = importedAt.milliseconds
    }

    var metadata: DeckMetadata {
        get {
            DeckMetadata(
                slug: slug, title: title, description: description, version: version,
                source: source)
        }
        set {
            slug = newValue.slug
            title = newValue.title
            description = newValue.description
            version = newValue.version
            source = newValue.source
        }
    }

    /// The deck's place on the beginner's path.
    var path: DeckPath { DeckPath(slug: slug) }

    var importedAt: Date {
        get { Date(milliseconds: importedAtMs) }
        set { importedAtMs = newValue.milliseconds }
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension Date {
    /// Milliseconds since 1970, as the database stores times: the scheduler's own rounding
    /// (``Foundation/Date/millisecondsSince1970``), which clamps instead of trapping.
    var milliseconds: Int64 { millisecondsSince1970 }

    init(milliseconds: Int64) {
        self.init(millisecondsSince1970: milliseconds)
    }
}
