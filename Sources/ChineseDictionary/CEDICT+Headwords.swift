extension CEDICT {
    /// The entries of many words at once, in one pass over the dictionary: for each word of
    /// `headwords` that the dictionary has, the entries whose simplified or traditional form
    /// is exactly that word, in the file's order.
    ///
    /// A word list of thousands of words costs one pass, not one pass a word: each line's
    /// forms are compared with the words only when their length and first bytes could match.
    public func entries(forHeadwords headwords: some Sequence<String>) -> [String:
        [DictionaryEntry]]
    {
        var wanted = Set<[UInt8]>()
        var prefixes = Set<UInt32>()
        for word in headwords where !word.isEmpty {
            let bytes = Array(word.utf8)
            wanted.insert(bytes)
            prefixes.insert(Self.prefix(of: bytes[...]))
        }
        guard !wanted.isEmpty else { return [:] }
        var found: [String: [DictionaryEntry]] = [:]
        eachEntryLine { line, bytes in
            var matched: [UInt8]?
            for form in [line.simplified, line.traditional] {
                let slice = bytes[form]
                guard prefixes.contains(Self.prefix(of: slice)) else { continue }
                let candidate = Array(slice)
                if wanted.contains(candidate) {
                    matched = candidate
                    break
                }
            }
            guard let matched else { return }
            let entry = line.entry(in: bytes)
            found[String(decoding: matched, as: UTF8.self), default: []].append(entry)
            // A word that is the simplified form of one entry and the traditional form of
            // another is found under both.
            let other =
                Array(entry.simplified.utf8) == matched ? entry.traditional : entry.simplified
            if other != String(decoding: matched, as: UTF8.self), wanted.contains(Array(other.utf8))
            {
                found[other, default: []].append(entry)
            }
        }
        return found
    }

    /// Calls `body` with each entry line and the dictionary's bytes, skipping the rest.
    private func eachEntryLine(_ body: (DictionaryLine, UnsafeBufferPointer<UInt8>) -> Void) {
        eachLine { range, number, bytes in
            if let line = DictionaryLine(range, of: bytes, number: number) { body(line, bytes) }
        }
    }

    /// The length and first three bytes of a form, as one number: a cheap first test.
    private static func prefix(of bytes: some Collection<UInt8>) -> UInt32 {
        var value = UInt32(min(bytes.count, 255)) << 24
        for (index, byte) in bytes.prefix(3).enumerated() {
            value |= UInt32(byte) << (8 * (2 - index))
        }
        return value
    }
}
