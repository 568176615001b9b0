import Foundation

/// The journal's file, open for reading and writing.
///
/// Blocks are read and written at their offsets, each write followed by `fdatasync`; the
/// exclusive lock (`flock`) is the owning session's. Closed, and its lock released, when the
/// value goes.
final class JournalFile {
    let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// The file at `path`, created empty when `create` is set; `nil` when there is none.
    static func open(_ path: String, create: Bool) throws -> JournalFile? {
        let flags = O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0)
        let descriptor = Glibc.open(path, flags, 0o644)
        guard descriptor >= 0 else {
            if errno == ENOENT, !create { return nil }
            throw Self.failure(path, errno)
        }
        return JournalFile(path: path, descriptor: descriptor)
    }

    /// Takes the exclusive lock if no other open file holds it (another process's session, or
    /// its recovery); false when one does.
    func lock() throws -> Bool {
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
        if errno == EWOULDBLOCK { return false }
        throw Self.failure(path, errno)
    }

    /// The file's size in blocks (whole ones).
    func blockCount() throws -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Self.failure(path, errno) }
        return Int(status.st_size) / JournalBlock.size
    }

    /// The block at `index`, or `nil` when the file ends before it or it holds nothing valid.
    func block(at index: Int, buffer: inout [UInt8]) throws -> JournalBlock? {
        let count = buffer.withUnsafeMutableBytes {
            pread(descriptor, $0.baseAddress, JournalBlock.size, off_t(index * JournalBlock.size))
        }
        guard count >= 0 else { throw Self.failure(path, errno) }
        return count == JournalBlock.size ? JournalBlock(decoding: buffer) : nil
    }

    /// Writes `bytes` at block `index` with one `pwrite`, then makes them durable.
    func write(_ bytes: [UInt8], at index: Int) throws {
        try write(bytes, offset: index * JournalBlock.size)
        try synchronize()
    }

    /// Writes zeros over `blocks` blocks from the start (the journal's room, written rather than
    /// allocated: an unwritten extent would make every later `fdatasync` write metadata too),
    /// then `header` in its slot, and makes the file and its name durable.
    func initialise(blocks: Int, header: JournalBlock, slot: Int) throws {
        let zeros = [UInt8](repeating: 0, count: 64 * JournalBlock.size)
        var offset = 0
        while offset < blocks * JournalBlock.size {
            try write(
                Array(zeros.prefix(blocks * JournalBlock.size - offset)), offset: offset)
            offset += min(zeros.count, blocks * JournalBlock.size - offset)
        }
        if let bytes = header.encoded() { try write(bytes, offset: slot * JournalBlock.size) }
        guard fsync(descriptor) == 0 else { throw Self.failure(path, errno) }
        // The new file's name, in its folder.
        let folder = Glibc.open(
            URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
        guard folder >= 0 else { throw Self.failure(path, errno) }
        defer { close(folder) }
        guard fsync(folder) == 0 else { throw Self.failure(path, errno) }
    }

    private func write(_ bytes: [UInt8], offset: Int) throws {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                pwrite(
                    descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written,
                    off_t(offset + written))
            }
            guard count > 0 else { throw Self.failure(path, count < 0 ? errno : ENOSPC) }
            written += count
        }
    }

    private func synchronize() throws {
        guard fdatasync(descriptor) == 0 else { throw Self.failure(path, errno) }
    }

    /// The error for the person at the keyboard, from a system call's `errno`.
    static func failure(_ path: String, _ code: Int32) -> StorageError {
        switch code {
        case ENOSPC, EDQUOT: .diskFull(path)
        case EACCES, EPERM, EROFS: .readOnly(path)
        default: .other(path, message: String(cString: strerror(code)))
        }
    }
}
