/// A colour for terminal text: exact RGB, and the basic ANSI colour chosen to stand in for it.
public struct TerminalColor: Hashable, Sendable {
    /// One of the 16 basic ANSI foreground colours; the raw value is its SGR code.
    public enum Basic: Int, Hashable, Sendable, CaseIterable {
        /// Black (30).
        case black = 30
        /// Red (31).
        case red = 31
        /// Green (32).
        case green = 32
        /// Yellow (33), which many terminals show as orange or brown.
        case yellow = 33
        /// Blue (34).
        case blue = 34
        /// Magenta (35).
        case magenta = 35
        /// Cyan (36).
        case cyan = 36
        /// White (37).
        case white = 37
        /// Bright black, usually grey (90).
        case brightBlack = 90
        /// Bright red (91).
        case brightRed = 91
        /// Bright green (92).
        case brightGreen = 92
        /// Bright yellow (93).
        case brightYellow = 93
        /// Bright blue (94).
        case brightBlue = 94
        /// Bright magenta (95).
        case brightMagenta = 95
        /// Bright cyan (96).
        case brightCyan = 96
        /// Bright white (97).
        case brightWhite = 97
    }

    /// The red component, 0–255.
    public let red: UInt8
    /// The green component, 0–255.
    public let green: UInt8
    /// The blue component, 0–255.
    public let blue: UInt8
    /// The basic colour shown on 16-colour terminals.
    ///
    /// It is chosen by hand: the nearest basic colour by distance would show Dummitt's orange and
    /// green both as yellow.
    public let basic: Basic

    /// Makes a colour from a hex value such as `0xE30000` and its 16-colour stand-in.
    public init(hex: UInt32, basic: Basic) {
        red = UInt8(truncatingIfNeeded: hex >> 16)
        green = UInt8(truncatingIfNeeded: hex >> 8)
        blue = UInt8(truncatingIfNeeded: hex)
        self.basic = basic
    }

    /// The nearest entry of the xterm 256-colour palette: its 6×6×6 cube or its grey ramp.
    public var ansi256Index: Int {
        let levels = [0, 95, 135, 175, 215, 255]
        func nearestLevel(_ value: UInt8) -> Int {
            levels.indices.min { abs(levels[$0] - Int(value)) < abs(levels[$1] - Int(value)) } ?? 0
        }
        let (r, g, b) = (nearestLevel(red), nearestLevel(green), nearestLevel(blue))
        let cubeDistance = distance(to: (levels[r], levels[g], levels[b]))
        let average = (Int(red) + Int(green) + Int(blue)) / 3
        let grey = min(23, max(0, (average - 3) / 10))
        let greyValue = 8 + 10 * grey
        if distance(to: (greyValue, greyValue, greyValue)) < cubeDistance {
            return 232 + grey
        }
        return 16 + 36 * r + 6 * g + b
    }

    private func distance(to other: (Int, Int, Int)) -> Int {
        let dr = Int(red) - other.0
        let dg = Int(green) - other.1
        let db = Int(blue) - other.2
        return dr * dr + dg * dg + db * db
    }
}
