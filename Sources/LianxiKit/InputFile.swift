import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A regular file opened for reading, with its size known before a byte is read.
///
/// Files from trainers and associates are read through this type, never with
/// `Data(contentsOf:)`: a pipe, a device such as `/dev/zero` or a folder is refused before
/// reading (a pipe would wait forever, a device would fill the memory), and no more than a
/// stated number of bytes is ever read, even from a file that grows while it is read.
final class InputFile {
    /// Why a file cannot be read; each case reads as the end of "The file …".
    enum Refusal: Error, Hashable, Sendable {
        /// Nothing is at the path.
        case missing
        /// A folder.
        case folder
        /// Something that is not a regular file: a pipe, a device, a socket.
        case notARegularFile(kind: String)
        /// Larger than the limit.
        case tooLarge(size: Int, limit: Int)
        /// The system refused to open or read it.
        case unreadable(reason: String)
    }

    /// The file's size when it was opened, in bytes.
    let size: Int
    private let descriptor: Int32

    /// Opens the file at `path`, refusing anything but a regular file.
    ///
    /// A pipe is opened without waiting for a writer, and the kind of file is checked both
    /// before opening (so a device is never opened) and on the open descriptor (so a file
    /// swapped in between is caught).
    init(path: String) throws(Refusal) {
        var status = stat()
        guard stat(path, &status) == 0 else { throw Self.refusal(errno: errno) }
        try Self.checkKind(status)
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.refusal(errno: errno) }
        guard fstat(descriptor, &status) == 0 else {
            let refusal = Self.refusal(errno: errno)
            close(descriptor)
            throw refusal
        }
        do {
            try Self.checkKind(status)
        } catch {
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
        size = Int(status.st_size)
    }

    deinit { close(descriptor) }

    /// The first `count` bytes of the file (fewer if it is shorter).
    func prefix(_ count: Int) throws(Refusal) -> Data {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, 0) }
        guard read >= 0 else { throw Self.refusal(errno: errno) }
        return Data(bytes[..<read])
    }

    /// Every byte of the file, refusing it when it holds more than `limit` bytes, as opened or
    /// as read.
    func contents(atMost limit: Int) throws(Refusal) -> Data {
        guard size <= limit else { throw .tooLarge(size: size, limit: limit) }
        var data = Data(capacity: size)
        try forEachChunk(atMost: limit) { data.append($0) }
        return data
    }

    /// Copies the file to a new file at `destination`, refusing it when it holds more than
    /// `limit` bytes; memory holds one chunk at a time.
    func copy(to destination: URL, atMost limit: Int) throws(Refusal) {
        guard size <= limit else { throw .tooLarge(size: size, limit: limit) }
        guard FileManager.default.createFile(atPath: destination.path, contents: nil),
            let output = FileHandle(forWritingAtPath: destination.path)
        else {
            throw .unreadable(reason: "the copy \(destination.path) cannot be written")
        }
        defer { try? output.close() }
        var failure: (any Error)?
        try forEachChunk(atMost: limit) { chunk in
            guard failure == nil else { return }
            do { try output.write(contentsOf: chunk) } catch { failure = error }
        }
        if let failure {
            throw .unreadable(
                reason: "the copy \(destination.path) cannot be written "
                    + "(\(failure.localizedDescription))")
        }
    }

    /// Reads the file from its start in chunks of 64 KiB, handing each to `body`.
    private func forEachChunk(atMost limit: Int, _ body: (Data) -> Void) throws(Refusal) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var total = 0
        var offset: off_t = 0
        while true {
            let count = buffer.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress, $0.count, offset)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.refusal(errno: errno)
            }
            if count == 0 { return }
            total += count
            guard total <= limit else { throw .tooLarge(size: total, limit: limit) }
            offset += off_t(count)
            body(Data(buffer[..<count]))
        }
    }

    private static func checkKind(_ status: stat) throws(Refusal) {
        switch status.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw .folder
        case S_IFIFO: throw .notARegularFile(kind: "a pipe (FIFO)")
        case S_IFCHR, S_IFBLK: throw .notARegularFile(kind: "a device")
        case S_IFSOCK: throw .notARegularFile(kind: "a socket")
        default: throw .notARegularFile(kind: "not a regular file")
        }
    }

    private static func refusal(errno code: Int32) -> Refusal {
        switch code {
        case ENOENT, ENOTDIR: .missing
        case EISDIR: .folder
        default: .unreadable(reason: String(cString: strerror(code)))
        }
    }
}

extension InputFile.Refusal {
    /// What is wrong and what to do, for a file that was meant to hold `what` (“a deck”,
    /// “a progress bundle”).
    func message(for what: String) -> String {
        switch self {
        case .missing:
            return "There is no file here. Check the path and the name."
        case .folder:
            return "This is a folder; name \(what) file inside it."
        case .notARegularFile(let kind):
            return "This is \(kind), not a file; Lianxi reads \(what) only from a regular file."
                + " Save it to a file first and name that file."
        case .tooLarge(let size, let limit):
            return "The file is \(Self.mebibytes(size)), far too large for \(what) (at most"
                + " \(Self.mebibytes(limit))). Is it the right file?"
        case .unreadable(let reason):
            return "The file cannot be read (\(reason)). Check that you may read it."
        }
    }

    /// `12 MiB`, or bytes below one mebibyte.
    private static func mebibytes(_ bytes: Int) -> String {
        bytes < 1024 * 1024 ? "\(bytes) bytes" : "\(bytes / 1024 / 1024) MiB"
    }
}
