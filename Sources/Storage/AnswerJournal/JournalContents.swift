/// What a journal file holds, as recovery reads it: the current generation and its answers.
///
/// A pure function of the decoded blocks (``read(headers:answers:)``), so the rules are tested
/// without a file: the newer of the two header slots gives the generation; the answers of that
/// generation are read from the first record block on, in order, up to the first block that is
/// not the next one of the generation (never written, torn, or left from an older generation).
struct JournalContents: Hashable, Sendable {
    /// The generation the next answers belong to (until the journal is reset).
    let generation: UInt64
    /// The answers of the generation, in the order they were written.
    let records: [JournalRecord]
    /// Whether a header slot holds the generation (false for a file never finished, or both
    /// slots damaged): the journal must then be written afresh before it is used.
    let hasHeader: Bool

    /// Reads the contents from the two header slots and the record blocks, in file order
    /// (`answers(i)` decodes record block `i`, from 0; `nil` past the file's end or when the
    /// block holds nothing valid).
    static func read(
        headers: (JournalBlock?, JournalBlock?), answers: (Int) -> JournalBlock?
    ) -> JournalContents {
        var generation: UInt64?
        for case .header(let value, _)? in [headers.0, headers.1] {
            generation = max(generation ?? value, value)
        }
        let hasHeader = generation != nil
        // Without a header, the first record block tells the generation, if it is one's first.
        if generation == nil, case .answer(_, let value, 1)? = answers(0) {
            generation = value
        }
        guard let generation else {
            return JournalContents(generation: 0, records: [], hasHeader: false)
        }
        var records: [JournalRecord] = []
        while case .answer(let record, generation, UInt64(records.count + 1))? =
            answers(records.count)
        {
            records.append(record)
        }
        return JournalContents(generation: generation, records: records, hasHeader: hasHeader)
    }

    /// The header slot (0 or 1) that holds `generation`: a reset writes the slot the current
    /// generation is not in, so a write torn by a power cut leaves the other intact.
    static func slot(of generation: UInt64) -> Int {
        Int(generation % 2)
    }
}
