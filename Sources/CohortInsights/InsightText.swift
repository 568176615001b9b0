import Foundation

/// Dates, numbers and escaping for the renderings: the same rules as the cohort report's
/// (docs/REPORTS.md), kept here so the module needs nothing but `SpacedRepetition`.
enum InsightText {
    /// `YYYY-MM-DD` for a day counted from 1970-01-01 (Howard Hinnant's civil_from_days).
    static func date(dayNumber: Int) -> String {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// A moment as UTC ISO 8601 to the second: `2026-11-20T12:00:00Z`.
    static func timestamp(_ moment: Date) -> String {
        let seconds = Int(moment.timeIntervalSince1970.rounded(.down))
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let within = seconds - day * 86_400
        return date(dayNumber: day)
            + String(format: "T%02d:%02d:%02dZ", within / 3_600, within / 60 % 60, within % 60)
    }

    /// `value` rounded to `places` decimals, as a number.
    static func rounded(_ value: Double, places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (value * scale).rounded() / scale
    }

    /// `value` with exactly `places` decimals.
    static func fixed(_ value: Double, places: Int) -> String {
        String(format: "%.\(places)f", rounded(value, places: places))
    }

    /// A CSV cell: quoted when it holds a comma, quote or line break; a text that a spreadsheet
    /// would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets an
    /// apostrophe and quotes.
    static func csvCell(_ text: String, isNumber: Bool = false) -> String {
        var text = text
        var quote = false
        if !isNumber, let first = text.unicodeScalars.first,
            "=+-@\t\r".unicodeScalars.contains(first)
        {
            text = "'" + text
            quote = true
        }
        if quote || text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// CSV text: a UTF-8 byte-order mark, then each row ended by CRLF.
    static func csv(_ rows: [[String]]) -> String {
        "\u{FEFF}" + rows.map { $0.joined(separator: ",") + "\r\n" }.joined()
    }

    /// Text made safe inside HTML elements and attributes: the five characters HTML gives a
    /// meaning to become entities, control characters become U+FFFD, and bidirectional
    /// embeddings, overrides and isolates are dropped, so a name cannot reverse what follows.
    static func html(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\u{202A}"..."\u{202E}", "\u{2066}"..."\u{2069}": continue
            default:
                if scalar.properties.generalCategory == .control && scalar != "\n" {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
