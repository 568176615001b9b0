import Foundation

/// Where a command's output goes: standard output, or a file replaced atomically.
enum OutputFile {
    /// Writes `text` to the file at `path` (a temporary file renamed over it, so a reader never
    /// sees half a file), or to standard output when `path` is `nil`.
    static func write(_ text: String, to path: String?) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Writes `data` to the file at `path` as text is written, or to standard output.
    static func write(_ data: Data, to path: String?) throws {
        guard let path else {
            Console.printData(String(decoding: data, as: UTF8.self))
            return
        }
        try replace(path) { output in try output.write(bytes: data) }
    }

    /// Hands `produce` a function that writes text, through a 64 KiB buffer, to the file at
    /// `path` or to standard output, and returns what `produce` returns.
    ///
    /// The file is written as a temporary file beside it, renamed over it only when `produce`
    /// has finished, so a reader never sees half a file and a failure leaves the old file as
    /// it was; memory holds the buffer, however much is written. Ctrl-C, SIGTERM or SIGHUP
    /// while it is written remove the temporary file (``PendingFile``).
    static func stream<Result>(
        to path: String?, _ produce: ((String) throws -> Void) throws -> Result
    ) throws -> Result {
        guard let path else {
            let output = BufferedOutput(FileHandle.standardOutput)
            let result = try produce(output.write)
            try output.flush()
            return result
        }
        return try replace(path) { output in try produce(output.write) }
    }

    /// Writes the file at `path` through `produce` into a temporary file beside it, synchronised
    /// then renamed over it; the temporary file is removed on failure or a signal.
    private static func replace<Result>(
        _ path: String, _ produce: (BufferedOutput) throws -> Result
    ) throws -> Result {
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).partial")
        let refusal = { (error: any Error) in
            CommandRefusal(
                "Cannot write \(path): \((error as NSError).localizedDescription). "
                    + "Check the folder exists and can be written, or choose another --out.")
        }
        return try PendingFile.removing(temporary.path) {
            var isRenamed = false
            defer { if !isRenamed { try? FileManager.default.removeItem(at: temporary) } }
            let handle: FileHandle
            do {
                guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                    throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
                }
                handle = try FileHandle(forWritingTo: temporary)
            } catch {
                throw refusal(error)
            }
            defer { try? handle.close() }
            let output = BufferedOutput(handle)
            let result: Result
            do {
                result = try produce(output)
            } catch let error as BufferedOutput.WriteFailure {
                throw refusal(error.underlying)
            }
            do {
                try output.flush()
                try handle.synchronize()
                guard rename(temporary.path, target.path) == 0 else {
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                isRenamed = true
            } catch let error as BufferedOutput.WriteFailure {
                throw refusal(error.underlying)
            } catch {
                throw refusal(error)
            }
            return result
        }
    }
}

/// Text written to a file handle through a 64 KiB buffer.
final class BufferedOutput {
    /// Writing to the file failed; `underlying` says why.
    struct WriteFailure: Error {
        let underlying: any Error
    }

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let capacity = 64 * 1024

    init(_ handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(Self.capacity)
    }

    /// Adds `text`, writing the buffer out when it is full.
    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.capacity { try flush() }
    }

    /// Writes out what the buffer holds, then `bytes`.
    func write(bytes: Data) throws {
        try flush()
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw WriteFailure(underlying: error)
        }
    }

    /// Writes out what the buffer holds.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw WriteFailure(underlying: error)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
