import Storage

/// The HSK level of a cell.
enum HSKCell {
    /// The level written exactly as our deck files write it: `1` to `6` or `7-9`.
    static func exact(_ text: String) -> HSKLevel? {
        HSKLevel(rawValue: text)
    }

    /// The level as other files write it: `3`, `HSK 3`, `hsk3`, `HSK 3.0 level 3`, `7`, `7-9`,
    /// `高等`; levels 7, 8 and 9 are the one advanced band.
    static func lenient(_ text: String) -> HSKLevel? {
        var rest = Substring(text.lowercased().filter { !$0.isWhitespace })
        for prefix in ["hsk3.0", "hsk", "level", "等级", "级"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
        }
        for prefix in ["level", "-", ":"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
        }
        if let level = HSKLevel(rawValue: String(rest)) { return level }
        if ["7", "8", "9", "7–9", "7~9", "高等", "advanced"].contains(rest) { return .advanced }
        return nil
    }
}
