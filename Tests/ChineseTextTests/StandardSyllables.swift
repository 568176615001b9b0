/// The syllables of standard Mandarin, built here from the initial × final chart and the spelling
/// rules of Hanyu Pinyin, independently of the module's own list.
///
/// Each final lists the initials it combines with (`-` is the zero initial). Spellings follow from
/// the rules: zero-initial i-, u- and ü- finals are written with y and w; iou, uei and uen shorten
/// to iu, ui and un after an initial; ü loses its dots after j, q, x and y.
enum StandardSyllables {
    /// Finals (in their full, unabbreviated form) with the initials they combine with.
    static let chart: [(final: String, initials: String)] = [
        ("a", "- b p m f d t n l g k h zh ch sh z c s"),
        ("o", "- b p m f l"),
        ("e", "- m d t n l g k h zh ch sh r z c s"),
        ("ê", "-"),
        ("ai", "- b p m d t n l g k h zh ch sh z c s"),
        ("ei", "- b p m f d t n l g k h zh sh z s"),
        ("ao", "- b p m d t n l g k h zh ch sh r z c s"),
        ("ou", "- p m f d t n l g k h zh ch sh r z c s"),
        ("an", "- b p m f d t n l g k h zh ch sh r z c s"),
        ("en", "- b p m f d n g k h zh ch sh r z c s"),
        ("ang", "- b p m f d t n l g k h zh ch sh r z c s"),
        ("eng", "- b p m f d t n l g k h zh ch sh r z c s"),
        ("ong", "d t n l g k h zh ch r z c s"),
        ("er", "-"),
        ("-i", "zh ch sh r z c s"),
        ("i", "- b p m d t n l j q x"),
        ("ia", "- d l j q x"),
        ("io", "-"),
        ("ie", "- b p m d t n l j q x"),
        ("iao", "- b p m d t n l j q x"),
        ("iou", "- m d n l j q x"),
        ("ian", "- b p m d t n l j q x"),
        ("in", "- b p m n l j q x"),
        ("iang", "- n l j q x"),
        ("ing", "- b p m d t n l j q x"),
        ("iong", "- j q x"),
        ("u", "- b p m f d t n l g k h zh ch sh r z c s"),
        ("ua", "- g k h zh ch sh r"),
        ("uo", "- d t n l g k h zh ch sh r z c s"),
        ("uai", "- g k h zh ch sh"),
        ("uei", "- d t g k h zh ch sh r z c s"),
        ("uan", "- d t n l g k h zh ch sh r z c s"),
        ("uen", "- d t n l g k h zh ch sh r z c s"),
        ("uang", "- g k h zh ch sh"),
        ("ueng", "-"),
        ("ü", "- n l j q x"),
        ("üe", "- n l j q x"),
        ("üan", "- j q x"),
        ("ün", "- j q x"),
    ]

    /// Syllables without a vowel, or otherwise outside the chart.
    static let interjections = ["m", "n", "ng", "hm", "hng"]

    /// Every syllable, spelled as pinyin writes it.
    static let all: [String] = {
        var spellings: [String] = []
        for (final, initials) in chart {
            for initial in initials.split(separator: " ").map(String.init) {
                spellings.append(spell(initial: initial == "-" ? "" : initial, final: final))
            }
        }
        return spellings + interjections
    }()

    static func spell(initial: String, final: String) -> String {
        if final == "-i" {
            return initial + "i"
        }
        if initial.isEmpty {
            switch final.first {
            case "i":
                return ["i", "in", "ing"].contains(final) ? "y" + final : "y" + final.dropFirst()
            case "u": return final == "u" ? "wu" : "w" + final.dropFirst()
            case "ü": return "yu" + final.dropFirst()
            default: return final
            }
        }
        let short = ["iou": "iu", "uei": "ui", "uen": "un"][final] ?? final
        if ["j", "q", "x"].contains(initial) {
            return initial + String(short.map { $0 == "ü" ? "u" : $0 })
        }
        return initial + short
    }

    /// The vowel that carries the tone mark, found by the textbook rule, as an index.
    static func markIndex(in spelling: String) -> Int? {
        let letters = Array(spelling)
        for vowel in ["a", "e", "ê"] as [Character] {
            if let index = letters.firstIndex(of: vowel) { return index }
        }
        if spelling.contains("ou"), let index = letters.firstIndex(of: "o") {
            return index
        }
        if let index = letters.lastIndex(where: { "iouü".contains($0) }) {
            return index
        }
        return letters.firstIndex(where: { "mn".contains($0) })
    }

    /// The spelling with the tone's combining mark after the marked letter (decomposed form).
    static func marked(_ spelling: String, tone: Int) -> String {
        let marks = [1: "\u{304}", 2: "\u{301}", 3: "\u{30C}", 4: "\u{300}"]
        guard let mark = marks[tone], let index = markIndex(in: spelling) else { return spelling }
        var scalars = ""
        for (position, letter) in spelling.enumerated() {
            scalars += position == index ? String(letter) + mark : String(letter)
        }
        return scalars
    }
}
