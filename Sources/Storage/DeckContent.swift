/// A deck as importers produce it and the database stores it.
public struct DeckContent: Hashable, Sendable {
    /// Who the deck is and where it came from.
    public var metadata: DeckMetadata
    /// Its notes, in file order.
    public var notes: [NoteContent]
    /// For notes whose key was made another way by earlier versions, the key they had then,
    /// by position in ``notes`` (`nil` for a note without one; empty when no note has one): a
    /// note stored under such a former key, and matched by no note of the deck under its own
    /// key, is taken over by the note that names it, so that re-importing an old deck updates
    /// its notes instead of adding them again.
    ///
    /// By position rather than by key: a table by key hashed every key of a deck as a `String`
    /// (which normalises its Unicode), a sixteenth of reading a 10,000-note file, for a table
    /// that only a re-import reads.
    public var formerKeys: [String?]
    /// Recordings of notes' words (by note key), from a package's media: kept in the database
    /// with their notes, within ``AudioRecording/maximumSize`` each and
    /// ``AudioRecording/maximumSizePerDeck`` per deck.
    public var recordings: [String: AudioRecording]

    /// Creates a deck.
    public init(
        metadata: DeckMetadata, notes: [NoteContent], formerKeys: [String?] = [],
        recordings: [String: AudioRecording] = [:]
    ) {
        self.metadata = metadata
        self.notes = notes
        self.formerKeys = formerKeys
        self.recordings = recordings
    }

    /// A fingerprint of the content (FNV-1a, 64 bits): equal decks give equal hashes.
    public var contentHash: String {
        var hasher = ContentHasher()
        hasher.mix(metadata.title)
        hasher.mix(metadata.description)
        hasher.mix(metadata.version ?? "")
        for note in notes {
            note.mixFields(into: &hasher)
        }
        // Decks without recordings keep the hashes they had before recordings existed.
        for key in recordings.keys.sorted() {
            hasher.mix(key)
            hasher.mix(recordings[key]?.contentHash ?? "")
        }
        return String(hasher.hash, radix: 16)
    }
}

/// FNV-1a, 64 bits, over texts, each followed by the byte 0x1f.
///
/// A value mixed through `inout`: the hash kept in a variable that a local function captured
/// was checked for exclusive access at every byte, which made hashing a 10,000-note deck cost
/// more than a tenth of its import.
struct ContentHasher {
    /// The hash of the texts mixed so far.
    private(set) var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Mixes the UTF-8 bytes of `text`, then the separator.
    mutating func mix(_ text: String) {
        var text = text
        var hash = self.hash
        text.withUTF8 { bytes in
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        self.hash = (hash ^ 0x1f) &* 0x100_0000_01b3
    }
}

/// Who a deck is: a stable slug, a title, and where it came from.
public struct DeckMetadata: Hashable, Sendable {
    /// The deck's stable name (from the file name): `payments`.
    public var slug: String
    /// The title people read: `Payments and finance`.
    public var title: String
    /// A sentence on what the deck covers.
    public var description: String
    /// The deck's own version, if it has one.
    public var version: String?
    /// Where it was imported from (a file name).
    public var source: String

    /// Creates deck metadata.
    public init(
        slug: String, title: String, description: String = "", version: String? = nil,
        source: String
    ) {
        self.slug = slug
        self.title = title
        self.description = description
        self.version = version
        self.source = source
    }
}

/// One vocabulary note: a word with its reading, meaning and example.
public struct NoteContent: Hashable, Sendable {
    /// The stable id that survives edits and re-imports.
    public var key: String
    /// The word in simplified characters.
    public var hanzi: String
    /// The word in traditional characters (the same as `hanzi` when they do not differ).
    public var traditional: String
    /// Pinyin with tone marks.
    public var pinyin: String
    /// The English gloss.
    public var english: String
    /// Noun, verb, …; empty when unknown.
    public var partOfSpeech: String
    /// The measure word (`家 jiā`); empty when none.
    public var measureWord: String
    /// An example sentence, if the note has one.
    public var example: ExampleSentence?
    /// The HSK 3.0 level, where an official list has the word.
    public var hskLevel: HSKLevel?
    /// Lower-case tags.
    public var tags: [String]

    /// Creates a note.
    public init(
        key: String, hanzi: String, traditional: String = "", pinyin: String, english: String,
        partOfSpeech: String = "", measureWord: String = "", example: ExampleSentence? = nil,
        hskLevel: HSKLevel? = nil, tags: [String] = []
    ) {
        self.key = key
        self.hanzi = hanzi
        self.traditional = traditional.isEmpty ? hanzi : traditional
        self.pinyin = pinyin
        self.english = english
        self.partOfSpeech = partOfSpeech
        self.measureWord = measureWord
        self.example = example
        self.hskLevel = hskLevel
        self.tags = tags
    }

    /// Mixes each field in file order into `hasher` (for the content hash), without building
    /// an array of them.
    func mixFields(into hasher: inout ContentHasher) {
        hasher.mix(key)
        hasher.mix(hanzi)
        hasher.mix(traditional)
        hasher.mix(pinyin)
        hasher.mix(english)
        hasher.mix(partOfSpeech)
        hasher.mix(measureWord)
        hasher.mix(example?.hanzi ?? "")
        hasher.mix(example?.pinyin ?? "")
        hasher.mix(example?.english ?? "")
        hasher.mix(hskLevel?.rawValue ?? "")
        if tags.count <= 1 {
            hasher.mix(tags.first ?? "")
        } else {
            hasher.mix(tags.joined(separator: " "))
        }
    }
}

/// An example sentence with its pinyin and English.
public struct ExampleSentence: Hashable, Sendable {
    /// The sentence in characters.
    public var hanzi: String
    /// The sentence in pinyin.
    public var pinyin: String
    /// The sentence in English.
    public var english: String

    /// Creates an example sentence.
    public init(hanzi: String, pinyin: String, english: String) {
        self.hanzi = hanzi
        self.pinyin = pinyin
        self.english = english
    }
}

/// An HSK 3.0 (2021) level: 1 to 6, or the advanced band 7-9.
public enum HSKLevel: String, CaseIterable, Hashable, Sendable, Comparable {
    case one = "1", two = "2", three = "3", four = "4", five = "5", six = "6"
    case advanced = "7-9"

    /// Orders levels from 1 to 7-9.
    public static func < (lhs: HSKLevel, rhs: HSKLevel) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// The four ways a note is studied.
public enum CardKind: String, CaseIterable, Hashable, Sendable {
    /// Hanzi shown; recall the pinyin and meaning.
    case recognition
    /// Meaning shown; recall the hanzi.
    case production
    /// Hanzi shown; type the pinyin with tones.
    case pinyin
    /// The word heard; type its pinyin or hanzi. Studied only by associates who turn it on.
    case listening

    /// The kinds every associate studies; ``listening`` is chosen (`--listening on`).
    public static let usual: Set<CardKind> = [.recognition, .production, .pinyin]
}

/// What importing a deck changed.
public struct DeckImportSummary: Hashable, Sendable {
    /// The deck's slug.
    public let slug: String
    /// Whether the deck was new to the database.
    public let isNewDeck: Bool
    /// Keys of notes added.
    public let added: [String]
    /// Keys of notes whose content changed (progress kept).
    public let changed: [String]
    /// Keys of notes no longer in the file: retired, their history kept.
    public let retired: [String]
    /// Keys of retired notes that came back.
    public let restored: [String]
    /// How many notes were already exactly as in the file.
    public let unchanged: Int
    /// How many recordings came with the notes (kept in the database with them).
    public var recordings = 0
}
