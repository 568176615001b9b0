import ChineseText
import Foundation

extension CohortReport {
    /// Associates drawn in one part of ``htmlParts()``.
    static let associatesPerPart = 200

    /// The report as one self-contained HTML page: inline CSS and SVG charts, no scripts, no
    /// fonts or images from the network; every text from the database is escaped.
    public func html() -> String {
        htmlParts().reduce(into: "") { $0 += $1() }
    }

    /// The page of ``html()`` in parts, in order, each made when it is called.
    ///
    /// Joined, they are the page. No part draws more than ``associatesPerPart`` associates, so
    /// a server can send the page of a whole academy in memory that does not grow with it.
    public func htmlParts() -> [@Sendable () -> String] {
        var parts: [@Sendable () -> String] = [{ self.pageStart() }]
        parts += retentionChartParts()
        parts.append {
            var page = HTMLPage()
            page.line("</div>")
            page.line("<h2>Words known, deck by associate</h2>")
            page.line(
                "<p class=\"note\">Share of each deck's cards the associate knows (on review with "
                    + "an interval of 21 days or more); the small figure is the share started.</p>")
            return page.text + "<div class=\"wide\">"
        }
        parts += coverageGridParts()
        parts.append {
            var page = HTMLPage()
            page.line("</div>")
            page.line("<h2>Words the cohort fails most</h2>")
            page.line(
                "<p class=\"note\">Again answers to a word's cards after their first answer, in "
                    + "the period; the figure after the bar is the share of such answers that "
                    + "failed, and how many associates failed it.</p>")
            page.line("<div class=\"wide\">" + self.hardestWordsChart() + "</div>")
            page.line("<h2>Associates</h2>")
            return page.text + "<div class=\"wide\">"
        }
        parts += associateTableParts()
        parts.append {
            var page = HTMLPage()
            page.line("</div>")
            page.line("</main></body></html>")
            return page.text
        }
        return parts
    }

    /// The associates' indices in blocks of ``associatesPerPart``.
    private var associateBlocks: [Range<Int>] {
        stride(from: 0, to: associates.count, by: Self.associatesPerPart).map {
            $0..<min(associates.count, $0 + Self.associatesPerPart)
        }
    }

    /// From the doctype to the opening of the retention chart's block.
    private func pageStart() -> String {
        var page = HTMLPage()
        let title = "Lianxi cohort report"
        let period =
            since.map { "from \($0) to \(generatedAt.isoTimestamp.prefix(10))" }
            ?? "all history to \(generatedAt.isoTimestamp.prefix(10))"
        page.line("<!DOCTYPE html>")
        page.line("<html lang=\"en\"><head><meta charset=\"utf-8\">")
        page.line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        page.line("<title>\(title)</title>")
        page.line("<style>\(Self.style)</style>")
        page.line("</head><body><main>")
        page.line("<h1>\(title)</h1>")
        let totalAnswers = associates.reduce(0) { $0 + $1.reviews }
        let totalMinutes = associates.reduce(0) { $0 + $1.minutes }
        page.line(
            "<p class=\"lead\">\(associates.count) associates · \(decks.count) decks · "
                + "\(grouped(totalAnswers)) answers · \(grouped(Int(totalMinutes.rounded()))) "
                + "minutes · \(escape(period)) · made \(generatedAt.isoTimestamp)</p>")

        page.line("<h2>Answers per day, whole cohort</h2>")
        page.line("<div class=\"wide\">" + reviewsChart() + "</div>")
        page.line("<h2>True retention per associate</h2>")
        page.line(
            "<p class=\"note\">Share of answers to cards on review that were not Again, in the "
                + "period; the line marks 90 %. Grey: no review answers yet.</p>")
        return page.text + "<div class=\"wide\">"
    }

    private static let style = """
        body{margin:0;background:#fafaf7;color:#1d1d1b;\
        font:15px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",\
        "PingFang SC","Microsoft YaHei",sans-serif}\
        main{max-width:980px;margin:0 auto;padding:24px}\
        h1{font-size:26px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 6px}\
        .lead{color:#555;margin:0 0 8px}.note{color:#666;font-size:13px;margin:0 0 8px}\
        svg{display:block;max-width:100%;height:auto;background:#fff;border:1px solid #e4e4df}\
        svg text{font-family:inherit;fill:#1d1d1b}\
        table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}\
        th,td{border-bottom:1px solid #e4e4df;padding:4px 6px;text-align:right;white-space:nowrap}\
        th:first-child,td:first-child{text-align:left}th{background:#f0f0ea}\
        .wide{overflow-x:auto}\
        @media (max-width:640px){main{padding:12px}h1{font-size:22px}.wide svg{max-width:none}}
        """

    private func reviewsChart() -> String {
        let width = 940.0
        let height = 220.0
        let left = 48.0
        let bottom = 28.0
        let top = 12.0
        guard !reviewsPerDay.isEmpty else { return emptyChart("No answers in the period.") }
        let peak = max(1, reviewsPerDay.map(\.answers).max() ?? 1)
        let scale = niceCeiling(peak)
        let step = (width - left - 8) / Double(reviewsPerDay.count)
        var svg = SVG(width: width, height: height, label: "Answers per day")
        for tick in 0...4 {
            let value = scale * tick / 4
            let y = height - bottom - (height - bottom - top) * Double(value) / Double(scale)
            svg.line(x1: left, y1: y, x2: width - 8, y2: y, stroke: "#e4e4df")
            svg.text(grouped(value), x: left - 6, y: y + 4, anchor: "end", size: 11)
        }
        for (index, day) in reviewsPerDay.enumerated() {
            let barHeight = (height - bottom - top) * Double(day.answers) / Double(scale)
            let x = left + Double(index) * step
            svg.rect(
                x: x + step * 0.1, y: height - bottom - barHeight, width: max(1, step * 0.8),
                height: barHeight, fill: "#2f6f9f",
                title: "\(day.date): \(day.answers) answers")
            let labelEvery = max(1, Int((Double(reviewsPerDay.count) / 10).rounded(.up)))
            if index % labelEvery == 0 {
                svg.text(
                    String(day.date.description.dropFirst(5)), x: x + step / 2,
                    y: height - bottom + 16, anchor: "middle", size: 11)
            }
        }
        return svg.text
    }

    private func retentionChartParts() -> [@Sendable () -> String] {
        guard !associates.isEmpty else { return [{ self.emptyChart("No associates.") }] }
        // Name, figure, then bar: on a phone, whose screen shows the chart's first 360
        // pixels and scrolls for the rest, each associate's figure is in sight.
        let rowHeight = 22.0
        let names = 180.0
        let left = names + 110
        let width = 940.0
        let height = Double(associates.count) * rowHeight + 30
        let barWidth = width - left - 10
        var parts: [@Sendable () -> String] = [
            {
                var svg = SVG(width: width, height: height, label: "True retention per associate")
                for tick in stride(from: 0, through: 100, by: 25) {
                    let x = left + barWidth * Double(tick) / 100
                    svg.line(x1: x, y1: 4, x2: x, y2: height - 22, stroke: "#eeeeea")
                    svg.text("\(tick) %", x: x, y: height - 8, anchor: "middle", size: 11)
                }
                return svg.drawn
            }
        ]
        for block in associateBlocks {
            parts.append {
                var svg = SVG()
                for index in block {
                    let associate = self.associates[index]
                    let y = 6 + Double(index) * rowHeight
                    svg.text(
                        associate.displayName, x: names - 8, y: y + 14, anchor: "end", size: 12,
                        limit: 26)
                    let tally = associate.retention.all
                    if let rate = tally.rate {
                        svg.rect(
                            x: left, y: y + 2, width: barWidth * rate, height: rowHeight - 6,
                            fill: rate >= 0.85 ? "#3b8a5a" : rate >= 0.75 ? "#d49b2a" : "#c0503a",
                            title: "\(associate.displayName): \(percent(rate)) of \(tally.total)")
                        svg.text(
                            "\(percent(rate)) of \(grouped(tally.total))", x: left - 8,
                            y: y + 14, anchor: "end", size: 12)
                    } else {
                        svg.rect(
                            x: left, y: y + 2, width: barWidth, height: rowHeight - 6,
                            fill: "#eeeeea", title: "\(associate.displayName): no review answers")
                        svg.text("—", x: left - 8, y: y + 14, anchor: "end", size: 12)
                    }
                }
                return svg.drawn
            }
        }
        parts.append {
            var svg = SVG()
            let target = left + barWidth * 0.9
            svg.line(
                x1: target, y1: 2, x2: target, y2: height - 22, stroke: "#1d1d1b", dashed: true)
            return svg.drawn + SVG.closing
        }
        return parts
    }

    private func coverageGridParts() -> [@Sendable () -> String] {
        guard !associates.isEmpty, !decks.isEmpty else {
            return [{ self.emptyChart("No associates or decks.") }]
        }
        let left = 180.0
        let top = 110.0
        let cell = min(60.0, (940 - left) / Double(decks.count))
        let rowHeight = 24.0
        // Room on the right for the slanted labels of the last decks.
        let width = left + cell * Double(decks.count) + 100
        let height = top + rowHeight * Double(associates.count) + 8
        var parts: [@Sendable () -> String] = [
            {
                var svg = SVG(
                    width: width, height: height, label: "Words known, deck by associate")
                for (column, deck) in self.decks.enumerated() {
                    let x = left + cell * (Double(column) + 0.5)
                    svg.text(
                        deck.slug, x: x, y: top - 8, anchor: "start", size: 12, limit: 18,
                        rotate: -50)
                }
                return svg.drawn
            }
        ]
        for block in associateBlocks {
            parts.append {
                var svg = SVG()
                for row in block {
                    let associate = self.associates[row]
                    let y = top + rowHeight * Double(row)
                    svg.text(
                        associate.displayName, x: left - 8, y: y + 16, anchor: "end", size: 12,
                        limit: 26)
                    for (column, coverage) in associate.decks.enumerated() {
                        let known =
                            coverage.total == 0
                            ? 0 : Double(coverage.known) / Double(coverage.total)
                        let started =
                            coverage.total == 0
                            ? 0 : Double(coverage.started) / Double(coverage.total)
                        let x = left + cell * Double(column)
                        svg.rect(
                            x: x + 1, y: y + 1, width: cell - 2, height: rowHeight - 2,
                            fill: self.heat(known),
                            title: "\(associate.displayName) · \(coverage.group): "
                                + "\(coverage.known) known, \(coverage.started) started of "
                                + "\(coverage.total)")
                        svg.text(
                            "\(Int((known * 100).rounded()))", x: x + cell / 2 - 2, y: y + 16,
                            anchor: "end", size: 12, fill: known > 0.55 ? "#ffffff" : "#1d1d1b")
                        svg.text(
                            "\(Int((started * 100).rounded()))", x: x + cell / 2 + 2, y: y + 16,
                            anchor: "start", size: 9, fill: known > 0.55 ? "#e8f0f6" : "#777777")
                    }
                }
                return svg.drawn
            }
        }
        parts.append { SVG.closing }
        return parts
    }

    private func hardestWordsChart() -> String {
        guard !hardestWords.isEmpty else { return emptyChart("No failed answers in the period.") }
        let rowHeight = 24.0
        let left = 360.0
        let right = 170.0
        let width = 940.0
        let height = Double(hardestWords.count) * rowHeight + 10
        let peak = Double(hardestWords.map(\.failed).max() ?? 1)
        var svg = SVG(width: width, height: height, label: "Words the cohort fails most")
        for (index, word) in hardestWords.enumerated() {
            let y = 6 + Double(index) * rowHeight
            svg.text(word.hanzi, x: 8, y: y + 15, anchor: "start", size: 15, limit: 8)
            svg.text(word.pinyin, x: 110, y: y + 15, anchor: "start", size: 12, limit: 16)
            svg.text(
                word.english, x: 220, y: y + 15, anchor: "start", size: 12, limit: 22,
                fill: "#555555")
            let barWidth = (width - left - right) * Double(word.failed) / peak
            svg.rect(
                x: left, y: y + 3, width: max(1, barWidth), height: rowHeight - 8,
                fill: "#c0503a",
                title: "\(word.hanzi) \(word.pinyin) (\(word.deck)): \(word.failed) failed "
                    + "of \(word.answers)")
            svg.text(
                "\(word.failed) · \(percent(word.failureRate)) · \(word.associates) assoc.",
                x: left + barWidth + 6, y: y + 15, anchor: "start", size: 12)
        }
        return svg.text
    }

    private func associateTableParts() -> [@Sendable () -> String] {
        var parts: [@Sendable () -> String] = [
            {
                "<table><thead><tr><th>Associate</th><th>Answers</th><th>Minutes</th>"
                    + "<th>Active days</th><th>Streak</th><th>Longest</th><th>True retention</th>"
                    + "<th>Introduced</th><th>Known</th><th>Cards</th><th>Last active (UTC)</th>"
                    + "</tr></thead><tbody>"
            }
        ]
        for block in associateBlocks {
            parts.append {
                var rows = ""
                for associate in self.associates[block] {
                    let cells = [
                        "\(isolated(associate.displayName)) "
                            + "<small>(\(isolated(associate.name)))</small>",
                        grouped(associate.reviews), grouped(Int(associate.minutes.rounded())),
                        "\(associate.activeDays)", "\(associate.streak.current)",
                        "\(associate.streak.longest)",
                        associate.retention.all.rate.map(percent) ?? "—",
                        grouped(associate.cardsIntroduced), grouped(associate.cardsKnown),
                        grouped(associate.cardsTotal),
                        associate.lastActive.map {
                            String($0.isoTimestamp.prefix(16))
                                .replacingOccurrences(of: "T", with: " ")
                        } ?? "—",
                    ]
                    rows += "\n<tr><td>" + cells.joined(separator: "</td><td>") + "</td></tr>"
                }
                return rows
            }
        }
        parts.append { "\n</tbody></table>" }
        return parts
    }

    private func emptyChart(_ message: String) -> String {
        "<p class=\"note\">\(escape(message))</p>"
    }

    /// A colour from pale to deep blue for a share 0…1.
    private func heat(_ share: Double) -> String {
        let low = (r: 238.0, g: 242.0, b: 245.0)
        let high = (r: 31.0, g: 84.0, b: 130.0)
        func mix(_ a: Double, _ b: Double) -> Int {
            min(255, max(0, Int((a + (b - a) * share).rounded())))
        }
        // Two hex digits per channel, written by hand: `String(format:)` here was a fifth of
        // the time of a 10,000-associate page.
        var color: [UInt8] = [UInt8(ascii: "#")]
        for channel in [mix(low.r, high.r), mix(low.g, high.g), mix(low.b, high.b)] {
            color.append(Self.hexDigits[channel >> 4])
            color.append(Self.hexDigits[channel & 0xF])
        }
        return String(decoding: color, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

/// Text made safe for HTML: the five characters HTML gives meaning to replaced by entities,
/// control characters other than tab and line breaks (which HTML forbids) replaced by U+FFFD,
/// and bidirectional controls left open or closed without opening dropped, so that a name with
/// a right-to-left override cannot reverse the text after it (``UntrustedText``).
func escape(_ text: some StringProtocol) -> String {
    guard needsEscaping(text.utf8) else { return String(text) }
    let balanced = UntrustedText.withBalancedBidi(String(text))
    var result = ""
    result.reserveCapacity(balanced.utf8.count)
    for scalar in balanced.unicodeScalars {
        switch scalar {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&#39;"
        case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
        case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}": result += "\u{FFFD}"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result
}

/// Whether `escape` would change the text.
///
/// It would for a byte HTML gives meaning to, a control character
/// (C0, DEL, or C1 as `C2 80`–`C2 9F`), or the lead byte `E2` of U+2000–U+2FFF, where the
/// bidirectional controls are. Most names and labels have none, and are written as they are.
private func needsEscaping(_ bytes: some Sequence<UInt8>) -> Bool {
    var previous: UInt8 = 0
    for byte in bytes {
        switch byte {
        case 0x00...0x1F, 0x7F, 0xE2, UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"),
            UInt8(ascii: "\""), UInt8(ascii: "'"):
            return true
        case 0x80...0x9F where previous == 0xC2:
            return true
        default:
            previous = byte
        }
    }
    return false
}

/// Text from the database in a table cell or a paragraph: escaped, and isolated (`<bdi>`), so
/// that its direction, right-to-left or not, leaves the rest of the cell as it is.
func isolated(_ text: some StringProtocol) -> String {
    "<bdi>\(escape(text))</bdi>"
}

/// `1234567` as `1,234,567`.
func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (index, digit) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { result += "," }
        result.append(digit)
    }
    return value < 0 ? "-" + result : result
}

/// `0.8734` as `87.3 %`.
func percent(_ share: Double) -> String {
    "\(rounded(share * 100, places: 1)) %"
}

/// The smallest of 1, 2, 4, 5 or 8 × 10^n at least `value`: quarter ticks fall on round numbers.
func niceCeiling(_ value: Int) -> Int {
    var magnitude = 1
    while true {
        for factor in [1, 2, 4, 5, 8] where factor * magnitude >= value {
            return factor * magnitude
        }
        magnitude *= 10
    }
}

/// Lines of an HTML page.
struct HTMLPage {
    private(set) var text = ""

    mutating func line(_ line: String) {
        text += line
        text += "\n"
    }
}

/// An inline SVG drawing, built element by element; text content and titles are escaped.
///
/// A drawing can be made in pieces: ``drawn`` holds the opening (if this piece has it) and the
/// elements drawn so far, each after a line break; ``closing`` ends the drawing.
struct SVG {
    /// What this piece has drawn.
    private(set) var drawn: String

    /// The opening of a drawing.
    init(width: Double, height: Double, label: String) {
        drawn =
            "<svg viewBox=\"0 0 \(Self.number(width)) "
            + "\(Self.number(height))\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" "
            + "role=\"img\" aria-label=\"\(escape(label))\">"
    }

    /// A piece of a drawing opened elsewhere: elements only.
    init() {
        drawn = ""
    }

    /// What ends a drawing.
    static let closing = "\n</svg>"

    /// A whole drawing: its opening, its elements and its closing.
    var text: String { drawn + Self.closing }

    // Elements are written straight into `drawn`, piece by piece: a 10,000-associate page
    // draws about a million of them, and building each as a string first doubled the time.

    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String, title: String
    ) {
        drawn += "\n<rect x=\""
        write(x)
        drawn += "\" y=\""
        write(y)
        drawn += "\" width=\""
        write(width)
        drawn += "\" height=\""
        write(height)
        drawn += "\" fill=\""
        drawn += fill
        drawn += "\"><title>"
        drawn += escape(title)
        drawn += "</title></rect>"
    }

    mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, dashed: Bool = false
    ) {
        drawn += "\n<line x1=\""
        write(x1)
        drawn += "\" y1=\""
        write(y1)
        drawn += "\" x2=\""
        write(x2)
        drawn += "\" y2=\""
        write(y2)
        drawn += "\" stroke=\""
        drawn += stroke
        drawn += dashed ? "\" stroke-dasharray=\"4 3\"/>" : "\"/>"
    }

    mutating func text(
        _ content: String, x: Double, y: Double, anchor: String, size: Int,
        limit: Int? = nil, fill: String? = nil, rotate: Double? = nil
    ) {
        var shown = content
        if let limit, shown.count > limit { shown = String(shown.prefix(limit - 1)) + "…" }
        drawn += "\n<text x=\""
        write(x)
        drawn += "\" y=\""
        write(y)
        drawn += "\" text-anchor=\""
        drawn += anchor
        drawn += "\" font-size=\""
        drawn += String(size)
        drawn += "\""
        if let fill {
            drawn += " style=\"fill:"
            drawn += fill
            drawn += "\""
        }
        if let rotate {
            drawn += " transform=\"rotate("
            write(rotate)
            drawn += " "
            write(x)
            drawn += " "
            write(y)
            drawn += ")\""
        }
        drawn += ">"
        drawn += escape(shown)
        drawn += "</text>"
    }

    private mutating func write(_ value: Double) {
        drawn += Self.number(value)
    }

    /// A coordinate to a tenth, without a trailing `.0`: `12`, `50.9`, `-0.5`.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        // Written from the integer of tenths; the shortest form Swift gives a double of
        // tenths is the same digits. Far past any drawing's size, Swift's own form.
        guard tenths.magnitude < 1e15 else {
            let rounded = tenths / 10
            return rounded == rounded.rounded() ? "\(Int(rounded))" : "\(rounded)"
        }
        let units = Int(tenths)
        let whole = units.magnitude / 10
        let tenth = units.magnitude % 10
        let sign = units < 0 ? "-" : ""
        return tenth == 0 ? (units < 0 ? "-\(whole)" : String(whole)) : "\(sign)\(whole).\(tenth)"
    }
}
