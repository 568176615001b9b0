import ChineseText

/// The pinyin of a cell as a deck stores it: tone marks, spaced as the writer spaced it.
enum PinyinCell {
    /// `text` checked with ChineseText and written with tone marks.
    ///
    /// Pinyin already written with tone marks is kept exactly as it is (only checked), so the
    /// writer's word breaks, capitals and apostrophes stay; pinyin with tone numbers, `v` or
    /// `u:` (`zhi1fu4`, `lv4`) is converted to tone marks (`zhīfù`, `lǜ`), spacing kept.
    static func toneMarked(_ text: String) throws(PinyinError) -> String {
        let pinyin = try Pinyin(parsing: text)
        return needsConversion(text) ? pinyin.toneMarked : text
    }

    /// Whether `text` has tone numbers or a stand-in for ü.
    private static func needsConversion(_ text: String) -> Bool {
        text.contains { $0.isNumber || $0 == "v" || $0 == "V" || $0 == "ｖ" || $0 == "Ｖ" }
            || text.contains("u:") || text.contains("U:")
    }
}
