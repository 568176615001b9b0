#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A temporary file that Ctrl-C, SIGTERM or SIGHUP must not leave behind.
///
/// An output file is written beside its target under a hidden temporary name, then renamed
/// over it (``OutputFile``). A signal that ends the process in between would leave the
/// temporary file in the person's folder; while one is registered here, those signals remove
/// it first, then end the process as they would have (the shell still sees the signal). A
/// signal the process was told to ignore (`nohup`) stays ignored. One file at a time.
enum PendingFile {
    /// The signals that end a command a person or a service manager stops.
    static let endingSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Runs `body` with `path` removed if one of ``endingSignals`` arrives meanwhile; the
    /// signals' earlier handling returns afterwards.
    static func removing<Result>(_ path: String, during body: () throws -> Result) rethrows
        -> Result
    {
        // C text made now: a signal handler may not allocate.
        let text = strdup(path)
        pendingPath = text
        // The earlier actions are kept as C structures, never as Swift function values:
        // SIG_IGN is the address 1, which Swift reserves, in an optional function value, for
        // other meanings (a loop over such values ends at the first SIG_IGN).
        var earlier: [sigaction] = Array(repeating: sigaction(), count: endingSignals.count)
        var caught = [Bool](repeating: false, count: endingSignals.count)
        for index in endingSignals.indices {
            sigaction(endingSignals[index], nil, &earlier[index])
            if !isIgnoring(earlier[index]) {
                _ = signal(endingSignals[index], endProcess)
                caught[index] = true
            }
        }
        defer {
            for index in endingSignals.indices where caught[index] {
                sigaction(endingSignals[index], &earlier[index], nil)
            }
            pendingPath = nil
            free(text)
        }
        return try body()
    }

    /// Removes the registered file, if any (what a signal does before the process ends).
    static func removeNow() {
        if let pendingPath { unlink(pendingPath) }
    }

    /// Whether `action` ignores its signal: its handler, the first field on Linux and macOS
    /// alike, is SIG_IGN (1).
    static func isIgnoring(_ action: sigaction) -> Bool {
        withUnsafeBytes(of: action) { $0.load(as: UInt.self) } == 1
    }
}

/// The file to remove when a signal ends the process (``PendingFile``).
nonisolated(unsafe) private var pendingPath: UnsafeMutablePointer<CChar>?

/// Removes the pending file, then ends the process by `number` with its default action.
private func endProcess(_ number: Int32) {
    PendingFile.removeNow()
    _ = signal(number, SIG_DFL)
    raise(number)
}
