#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The only type that touches termios: puts the terminal in raw mode and always restores it.
///
/// Raw mode clears ICANON, ECHO and ISIG (Ctrl-C arrives as a byte and ends the session
/// normally) and keeps OPOST, so "\n" still returns the carriage. SIGTERM and SIGHUP restore
/// the terminal before the process ends; answers are already stored by then.
final class RawTerminal {
    private let descriptor: Int32
    private var original = termios()
    private var isRaw = false

    /// Whether standard input is a terminal.
    static var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    init(descriptor: Int32 = STDIN_FILENO) {
        self.descriptor = descriptor
        tcgetattr(descriptor, &original)
        savedForSignals = original
        signal(SIGTERM, restoreAndExit)
        signal(SIGHUP, restoreAndExit)
        // Ctrl-C arrives as a signal only while a line is being typed (raw mode turns it into
        // a key); either way the terminal is restored.
        signal(SIGINT, restoreAndExit)
    }

    deinit {
        leaveRawMode()
    }

    /// Switches to raw mode (keys arrive one by one, unechoed).
    func enterRawMode() {
        guard !isRaw else { return }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(descriptor, TCSAFLUSH, &raw)
        isRaw = true
    }

    /// Restores the terminal as it was (line editing, echo, signals).
    func leaveRawMode() {
        guard isRaw else { return }
        tcsetattr(descriptor, TCSAFLUSH, &original)
        isRaw = false
    }

    /// Reads the bytes available (at least one); empty at the end of input.
    func readBytes() -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(descriptor, &buffer, buffer.count)
        return count > 0 ? Array(buffer.prefix(count)) : []
    }

    /// Waits up to `milliseconds` for input; true when a key is waiting.
    func waitForInput(milliseconds: Int32) -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, milliseconds) > 0
    }

    /// The terminal's size in columns and rows (80 × 24 when unknown).
    static func size() -> (columns: Int, rows: Int) {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else {
            return (80, 24)
        }
        return (Int(size.ws_col), Int(size.ws_row))
    }
}

/// The terminal settings to restore when a signal ends the process.
nonisolated(unsafe) private var savedForSignals = termios()

private func restoreAndExit(_ signalNumber: Int32) {
    // Only async-signal-safe calls here: restore the settings, leave the alternate screen,
    // show the cursor, and end with the conventional status.
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedForSignals)
    let reset: [UInt8] = Array("\u{1B}[?25h\u{1B}[?1049l".utf8)
    _ = write(STDOUT_FILENO, reset, reset.count)
    _exit(128 + signalNumber)
}
