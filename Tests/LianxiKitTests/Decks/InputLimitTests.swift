import Foundation
import LianxiKit
import Storage
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files that would make an importer wait forever or fill the memory are refused before they
/// are read: pipes, devices, folders, files over the limit, packages whose entries lie about
/// their size.
@Suite struct InputLimitTests {
    /// A new empty folder, removed by the caller.
    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A sparse file of `size` bytes (zeros, taking no disk space).
    private func sparseFile(at url: URL, size: UInt64) throws {
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.truncate(atOffset: size)
    }

    /// The problems of reading the deck at `path`, or `nil` if it was read.
    private func deckProblems(_ path: String) -> [String]? {
        do {
            _ = try DeckReader.read(fileAt: path)
            return nil
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func aPipeIsRefusedWithoutWaitingForAWriter() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("deck.tsv").path
        #expect(mkfifo(pipe, 0o600) == 0)

        let problems = deckProblems(pipe)

        #expect(
            problems == [
                "\(pipe): This is a pipe (FIFO), not a file; Lianxi reads a deck only from a"
                    + " regular file. Save it to a file first and name that file."
            ])
    }

    @Test(arguments: ["/dev/zero", "/dev/null", "/dev/urandom"])
    func aDeviceIsRefusedWithoutReadingIt(device: String) throws {
        let problems = try #require(deckProblems(device))
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("\(device): This is a device, not a file;") == true)
    }

    @Test func aFolderIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        #expect(
            deckProblems(folder.path) == [
                "\(folder.path): This is a folder; name a deck file inside it."
            ])
    }

    @Test func aTextFileOverTheLimitIsRefusedUnread() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("huge.tsv")
        try sparseFile(at: file, size: 65 * 1024 * 1024)

        #expect(
            deckProblems(file.path) == [
                "\(file.path): The file is 65 MiB, far too large for a deck (at most 64 MiB)."
                    + " Is it the right file?"
            ])
    }

    @Test func aDeckFileStillImportsFromItsPath() throws {
        let deck = try DeckReader.read(fileAt: Fixture.path("words.tsv"))
        #expect(!deck.notes.isEmpty)
        let package = try DeckReader.read(fileAt: Fixture.path("legacy.apkg"))
        #expect(!package.notes.isEmpty)
    }

    // `lying-size.apkg`: its collection.anki2 says it holds 1,000 bytes (in the local header
    // and the central directory, with the CRC-32 of what it really holds) and unzips to
    // 200,000: a SQLite header and zeros. Made with Python's zipfile, sizes patched after.
    @Test func aPackageWhoseEntryLiesAboutItsSizeIsRefused() throws {
        let path = try Fixture.path("lying-size.apkg")

        #expect(
            deckProblems(path) == [
                "\(path): The package is damaged or forged: collection.anki2 says it holds 1000"
                    + " bytes but unzips to more. Export it from Anki again."
            ])
    }

    @Test func aBundleThatIsAPipeOrTooLargeIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("ana.lianxi.json").path
        #expect(mkfifo(pipe, 0o600) == 0)
        let huge = folder.appendingPathComponent("huge.lianxi.json")
        try sparseFile(at: huge, size: 65 * 1024 * 1024)
        let database = try StudyDatabase.inMemory()

        let error = #expect(throws: BundleProblems.self) {
            try BundleImport.importFiles(
                [pipe, huge.path, "/dev/zero"], into: database, at: .utc(2026, 12, 6))
        }
        #expect(
            error?.description == """
                \(pipe): This is a pipe (FIFO), not a file; Lianxi reads a progress bundle only \
                from a regular file. Save it to a file first and name that file.
                \(huge.path): The file is 65 MiB, far too large for a progress bundle (at most \
                64 MiB). Is it the right file?
                /dev/zero: This is a device, not a file; Lianxi reads a progress bundle only \
                from a regular file. Save it to a file first and name that file.
                """)
    }
}
