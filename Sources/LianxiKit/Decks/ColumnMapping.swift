import Foundation

/// Which column of a file holds which field of a note.
///
/// Built from a header row (``NoteField`` names and their aliases), or given by the person
/// importing, as `hanzi=1,pinyin=2,english=3`: columns count from 1, or are named by their
/// header (`english=Meaning`).
public struct ColumnMapping: Hashable, Sendable, CustomStringConvertible {
    /// A column, by position or by header name.
    public enum Column: Hashable, Sendable, CustomStringConvertible {
        /// The column at this position, counted from 1.
        case number(Int)
        /// The column whose header is this, compared without case.
        case named(String)

        /// `3` or `Meaning`.
        public var description: String {
            switch self {
            case .number(let number): String(number)
            case .named(let name): name
            }
        }
    }

    /// The column of each field mapped.
    public let columns: [NoteField: Column]

    /// Maps each field to a column.
    public init(_ columns: [NoteField: Column]) {
        self.columns = columns
    }

    /// Reads a mapping written as `hanzi=1,pinyin=2,english=Meaning`.
    public init(parsing text: String) throws(ColumnMappingError) {
        var columns: [NoteField: Column] = [:]
        var problems: [String] = []
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                problems.append("“\(item)” is not field=column, like hanzi=1.")
                continue
            }
            guard let field = NoteField.named(parts[0]) else {
                let fields = NoteField.allCases.map(\.description).joined(separator: ", ")
                problems.append("“\(parts[0])” is not a field; the fields are \(fields).")
                continue
            }
            if columns[field] != nil {
                problems.append("\(field) is given twice.")
            }
            if let number = Int(parts[1]) {
                guard number >= 1 else {
                    problems.append("\(field)=\(number): columns count from 1.")
                    continue
                }
                columns[field] = .number(number)
            } else {
                columns[field] = .named(parts[1])
            }
        }
        if columns.isEmpty, problems.isEmpty {
            problems.append(
                "The column mapping is empty; write it like hanzi=1,pinyin=2,english=3.")
        }
        guard problems.isEmpty else { throw ColumnMappingError(problems: problems) }
        self.columns = columns
    }

    /// The mapping a header row gives: each cell naming a field maps it (the first such cell
    /// wins).
    init(header: [String]) {
        var columns: [NoteField: Column] = [:]
        for (index, name) in header.enumerated() {
            if let field = NoteField.named(name), columns[field] == nil {
                columns[field] = .number(index + 1)
            }
        }
        self.columns = columns
    }

    /// The same mapping written as `hanzi=1,pinyin=2`, fields in their usual order.
    public var description: String {
        NoteField.allCases.compactMap { field in
            columns[field].map { "\(field)=\($0)" }
        }.joined(separator: ",")
    }

    /// The columns (from 0) of the fields, with names looked up in `header`; the names not
    /// found there are returned apart.
    func positions(header: [String]?) -> (positions: [NoteField: Int], unknown: [String]) {
        var positions: [NoteField: Int] = [:]
        var unknown: [String] = []
        for (field, column) in columns {
            switch column {
            case .number(let number):
                positions[field] = number - 1
            case .named(let name):
                let index = header?.firstIndex { $0.lowercased() == name.lowercased() }
                if let index {
                    positions[field] = index
                } else {
                    unknown.append(name)
                }
            }
        }
        return (positions, unknown.sorted())
    }
}

/// Why a column mapping could not be read.
public struct ColumnMappingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Every problem in the mapping.
    public let problems: [String]

    /// The problems, one per line.
    public var description: String { problems.joined(separator: "\n") }
}
