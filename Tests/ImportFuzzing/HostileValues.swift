/// What attackers put where a file should hold a number, a time or text: extremes, values that
/// are not finite, values just past a limit, and values of the wrong type.
enum HostileValues {
    /// JSON texts for any field of a bundle: numbers at and past every limit, numbers JSON
    /// cannot hold, and every other JSON type.
    static let json: [String] = [
        "0", "-0", "-1", "1", "4", "5", "0.5", "1.5", "4.0000001", "1e-320", "1e300", "-1e300",
        "1e400", "-1e400", "NaN", "Infinity", "-Infinity", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "9223372036854775000", "99999999999999999999999999999",
        "86400000", "86400001", "3e18", "0.70", "0.99", "0.6999999", "23", "24", "9999", "10000",
        "99999", "100000", "\"5\"", "\"\"", "\"1e300\"", "null", "true", "false", "[]", "[1]",
        "{}", "{\"a\": 1}", "\"\\u0000\"", "\"\\ud800\"",
        "\"1970-01-01T00:00:00.000Z\"", "\"1999-12-31T23:59:59.999Z\"",
        "\"2000-01-01T00:00:00.000Z\"", "\"0000-01-01T00:00:00.000Z\"",
        "\"9999-12-31T23:59:59.999Z\"", "\"2027-01-21T08:00:00.001Z\"",
        "\"2027-01-19T00:00:00.000Z\"", "\"2026-02-30T00:00:00.000Z\"", "\"2026-11-02\"",
        "\"2026-11-02T25:00:00Z\"", "\"2026-11-02T01:00:00.1234567890Z\"",
        "\"2026-11-02T01:00:00+08:00\"", "\"recognition\"", "\"fsrs\"", "\"sm2\"",
        "\"Asia/Shanghai\"", "\"Moon/Base\"",
        "[" + Array(repeating: "0.5", count: 21).joined(separator: ",") + "]",
        "[" + Array(repeating: "1e300", count: 21).joined(separator: ",") + "]",
        String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
    ]

    /// SQL expressions for any column of an Anki collection: each SQLite type, extremes and
    /// values that are not finite (`9e999` is infinity; SQLite stores NaN as NULL).
    static let sql: [String] = [
        "NULL", "0", "-1", "1", "11", "18", "100", "1.5", "1e300", "-1e300", "9e999", "-9e999",
        "9223372036854775807", "-9223372036854775808", "1577836800000", "32503680000000",
        "'abc'", "''", "'123'", "'1e300'", "'NaN'", "x''", "x'00'", "x'ff00ff'",
        "zeroblob(100)", "'" + String(repeating: "长", count: 5_000) + "'",
        "'支付\u{1F}zhi1fu4\u{1F}to pay'", "'\u{1F}\u{1F}\u{1F}'",
    ]

    /// Texts for the `models` and `decks` JSON of a legacy collection.
    static let ankiJSON: [String] = [
        "'{}'", "'[]'", "'null'", "'not json'", "'{\"1\": {\"name\": 5, \"flds\": []}}'",
        "'{\"-1\": {\"name\": \"x\", \"flds\": [{\"name\": \"Hanzi\"}]}}'",
        "'{\"99999999999999999999\": {\"name\": \"x\", \"flds\": [{\"name\": \"a\", \"ord\": 1e300}]}}'",
        "'{\"1\": {\"name\": \"x\", \"flds\": [{\"name\": \"a\", \"ord\": -9223372036854775808}]}}'",
        "'{\"1\": {\"name\": \"Default\"}, \"1\": {\"name\": \"Again\"}}'",
    ]

    /// Text a deck file may hold where a number goes (HSK levels, column numbers).
    static let deckText: [String] = [
        "1e300", "-1", "-0", "NaN", "inf", "0x10", "9223372036854775807", "9223372036854775808",
        "#guid column:9223372036854775807\n", "#guid column:-1\n", "#tags column:1e3\n",
        "#guid column:0\n", "#deck column:18446744073709551616\n", "HSK 99", "7-9", "10",
    ]
}
