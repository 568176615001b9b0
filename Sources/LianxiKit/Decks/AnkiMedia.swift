import Foundation
import Storage
import ZIPFoundation

/// The recordings of an Anki package: the `[sound:NAME]` tags of its notes' fields, the
/// `media` list that maps each zip entry's number to a file name (`{"0": "yinhang.mp3"}`), and
/// the numbered entries themselves.
///
/// Only what the notes refer to is read. Every value is checked: the list's size and JSON, each
/// name (one plain file name), each entry's declared and real size against
/// ``AudioRecording/maximumSize``, and its first bytes (it must be audio). A sound the package
/// does not hold is left out, as Anki does (its exports leave out files missing from the
/// collection, whose Check Media lists them): the note imports without a recording.
enum AnkiMedia {
    /// The largest `media` list read: 100,000 files take about 3 MB.
    static let maximumListSize: UInt64 = 16 * 1024 * 1024

    /// The names in the `[sound:NAME]` tags of `field`, in order.
    static func soundNames(in field: String) -> [String] {
        var names: [String] = []
        var rest = field[...]
        while let start = rest.range(of: "[sound:") {
            guard let end = rest[start.upperBound...].firstIndex(of: "]") else { break }
            let name = rest[start.upperBound..<end].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { names.append(name) }
            rest = rest[rest.index(after: end)...]
        }
        return names
    }

    /// `field` without its `[sound:NAME]` tags (they are not text to study).
    static func removingSounds(_ field: String) -> String {
        guard field.contains("[sound:") else { return field }
        var kept = ""
        var rest = field[...]
        while let start = rest.range(of: "[sound:"),
            let end = rest[start.upperBound...].firstIndex(of: "]")
        {
            kept += rest[..<start.lowerBound]
            rest = rest[rest.index(after: end)...]
        }
        return kept + rest
    }

    /// Whether `name` can be a media file's name: one plain file name, no folders, no control
    /// characters, at most 255 bytes (Anki's own limit).
    static func isPlausibleName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 255 && name != "." && name != ".."
            && !name.unicodeScalars.contains {
                $0 == "/" || $0 == "\\" || $0.properties.generalCategory == .control
            }
    }

    /// The recordings named `names`, read from the package at `package`, by name.
    static func recordings(
        named names: Set<String>, inPackageAt package: URL, file: String
    ) throws(DeckProblems) -> [String: AudioRecording] {
        guard !names.isEmpty else { return [:] }
        let archive: Archive
        do {
            archive = try Archive(url: package, accessMode: .read)
        } catch {
            throw DeckProblems(
                file: file, "The package could not be opened again to read its media.")
        }
        let entries = Dictionary(
            archive.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        guard let listEntry = entries["media"] else { return [:] }
        let list = try numberedNames(
            try unzipped(listEntry, of: archive, atMost: maximumListSize, file: file), file: file)
        var problems: [DeckProblem] = []
        var recordings: [String: AudioRecording] = [:]
        for name in names.sorted() {
            guard isPlausibleName(name) else {
                problems.append(
                    DeckProblem(
                        file: file, line: nil,
                        message: "A note plays [sound:\(name)], which is not a plain file name."))
                continue
            }
            guard let number = list[name], let entry = entries[number] else { continue }
            do {
                let bytes = try unzipped(
                    entry, of: archive, atMost: UInt64(AudioRecording.maximumSize), file: file,
                    name: name)
                recordings[name] = try AudioRecording(name: name, bytes: bytes)
            } catch let problem as DeckProblems {
                problems += problem.problems
            } catch let problem as AudioRecordingProblem {
                problems.append(
                    DeckProblem(file: file, line: nil, message: "\(name): \(problem)."))
            } catch {
                problems.append(DeckProblem(file: file, line: nil, message: "\(name): \(error)."))
            }
        }
        guard problems.isEmpty else { throw DeckProblems(problems) }
        return recordings
    }

    /// The media list `data` as entry numbers by file name.
    private static func numberedNames(_ data: Data, file: String) throws(DeckProblems)
        -> [String: String]
    {
        if data.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) {
            throw DeckProblems(
                file: file,
                "The package's media list is compressed, as Anki 23.10 and later write it, and"
                    + " Lianxi cannot read it. " + AnkiPackage.legacyExportAdvice)
        }
        let map: [String: String]
        do {
            map = try JSONDecoder().decode([String: String].self, from: data)
        } catch {
            throw DeckProblems(
                file: file,
                "The package's media list is not the JSON Anki writes ({\"0\": \"name.mp3\"});"
                    + " the package is damaged. Export it from Anki again.")
        }
        var numbers: [String: String] = [:]
        var problems: [DeckProblem] = []
        for (number, name) in map.sorted(by: { $0.key < $1.key }) {
            guard !number.isEmpty, number.count <= 9, number.allSatisfy(\.isASCII),
                number.allSatisfy(\.isWholeNumber)
            else {
                problems.append(
                    DeckProblem(
                        file: file, line: nil,
                        message: "The media list names the entry “\(number)”, which is not a"
                            + " number as Anki writes them; the package is damaged or forged."))
                continue
            }
            if let other = numbers.updateValue(number, forKey: name) {
                problems.append(
                    DeckProblem(
                        file: file, line: nil,
                        message: "The media list gives \(name) twice (entries \(other) and"
                            + " \(number)); the package is damaged or forged."))
            }
        }
        guard problems.isEmpty else { throw DeckProblems(problems) }
        return numbers
    }

    /// The bytes of `entry`, refused beyond `limit` or when it unzips to other than it declares.
    private static func unzipped(
        _ entry: Entry, of archive: Archive, atMost limit: UInt64, file: String,
        name: String? = nil
    ) throws(DeckProblems) -> Data {
        let label = name.map { "\($0) (entry \(entry.path))" } ?? entry.path
        let declared = entry.uncompressedSize
        guard declared <= limit else {
            throw DeckProblems(
                file: file,
                "\(label) is \((declared + 1023) / 1024) KiB, more than the \(limit / 1024) KiB"
                    + " Lianxi"
                    + " reads" + (name == nil ? "." : " for one word's recording."))
        }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard UInt64(data.count + chunk.count) <= declared else {
                    throw MediaStop.longerThanDeclared
                }
                data.append(chunk)
            }
        } catch MediaStop.longerThanDeclared {
            throw DeckProblems(
                file: file,
                "The package is damaged or forged: \(label) says it holds \(declared) bytes but"
                    + " unzips to more. Export it from Anki again.")
        } catch {
            throw DeckProblems(
                file: file,
                "The package is damaged: \(label) could not be unzipped (\(error)). Export it"
                    + " from Anki again.")
        }
        guard UInt64(data.count) == declared else {
            throw DeckProblems(
                file: file,
                "The package is damaged or forged: \(label) says it holds \(declared) bytes but"
                    + " unzips to \(data.count). Export it from Anki again.")
        }
        return data
    }

    /// Why unzipping stopped early.
    private enum MediaStop: Error {
        case longerThanDeclared
    }
}
