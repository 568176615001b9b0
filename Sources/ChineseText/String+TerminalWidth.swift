extension String {
    /// The number of terminal columns the string takes (see ``TerminalWidth``).
    public var terminalColumns: Int { TerminalWidth.columns(of: self) }

    /// The string padded with spaces to `columns` terminal columns; unchanged if already as wide.
    public func padded(to columns: Int, alignment: TerminalWidth.Alignment = .left) -> String {
        let missing = columns - terminalColumns
        guard missing > 0 else { return self }
        switch alignment {
        case .left:
            return self + String(repeating: " ", count: missing)
        case .right:
            return String(repeating: " ", count: missing) + self
        case .center:
            let before = missing / 2
            return String(repeating: " ", count: before) + self
                + String(repeating: " ", count: missing - before)
        }
    }

    /// The string cut to at most `columns` terminal columns, ending in `ellipsis` if it was cut.
    ///
    /// A character is never split: a hanzi that would straddle the edge is left out, so the result
    /// can be one column narrower than asked (pad it to get an exact width). Escape sequences are
    /// all kept, so a colour that was started is still reset. If even the ellipsis does not fit,
    /// the text is cut without it.
    public func truncated(to columns: Int, ellipsis: String = "…") -> String {
        guard terminalColumns > columns else { return self }
        let ellipsisColumns = ellipsis.terminalColumns
        let (marker, room) =
            ellipsisColumns <= columns ? (ellipsis, columns - ellipsisColumns) : ("", columns)
        var result = ""
        var used = 0
        var full = false
        var pendingMarker = marker
        TerminalWidth.forEachCharacter(of: self) { character, isEscape in
            if isEscape {
                result.append(character)
                return
            }
            let width = TerminalWidth.columns(of: character)
            if !full, used + width <= room {
                result.append(character)
                used += width
            } else if !full {
                full = true
                result += pendingMarker
                pendingMarker = ""
            }
        }
        return result + pendingMarker
    }
}
