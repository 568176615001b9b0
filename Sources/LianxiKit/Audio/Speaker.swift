import Foundation
import Storage

/// Plays notes' words during a session: the deck's recording when it has one, else espeak-ng's
/// speech from the pinyin; through the first player found at start that plays the format.
///
/// Nothing waits for audio: each player (and espeak-ng before it) is started and left to run;
/// Foundation reaps it when it exits. What goes wrong (no player, no sound device, no
/// espeak-ng) becomes one line, said once per session (``takeNotices()``), and the session
/// goes on.
public final class Speaker: @unchecked Sendable {
    /// The players found, in the order of preference.
    public let players: [AudioPlayer]
    /// espeak-ng, when installed.
    public let synthesizer: SpeechSynthesizer?
    /// Where recordings are copied for the player to read.
    public let cacheFolder: URL
    private let database: StudyDatabase

    private let lock = NSLock()
    private var running: [Process] = []
    /// Entered for each process started, left when it has exited and what follows it (the
    /// player after espeak-ng) has started.
    private let inFlight = DispatchGroup()
    private var notices: [String] = []
    private var said: Set<String> = []

    /// A speaker finding its players and espeak-ng on the `PATH` of `environment` (with
    /// ``AudioPlayer/overrideVariable``, that player alone).
    public convenience init(environment: [String: String], database: StudyDatabase) {
        self.init(
            players: AudioPlayer.installed(environment: environment, isMacOS: AudioPlayer.isMacOS),
            synthesizer: SpeechSynthesizer(environment: environment),
            cacheFolder: AudioCache.folder(environment: environment), database: database)
    }

    /// A speaker with the given players and synthesiser.
    public init(
        players: [AudioPlayer], synthesizer: SpeechSynthesizer?, cacheFolder: URL,
        database: StudyDatabase
    ) {
        self.players = players
        self.synthesizer = synthesizer
        self.cacheFolder = cacheFolder
        self.database = database
    }

    /// The line to show before a session that will play audio, when something is missing.
    public var startNotice: String? {
        if players.isEmpty {
            return "No audio player found (pw-play, paplay, aplay, ffplay): words are silent."
        }
        return synthesizer == nil ? SpeechSynthesizer.missingNotice : nil
    }

    /// ``startNotice``, counted as said: the session shows it before the first card, and it
    /// is not said again.
    public func takeStartNotice() -> String? {
        guard let line = startNotice else { return nil }
        lock.withLock { _ = said.insert(line) }
        return line
    }

    /// The lines about audio not said yet; each is said once a session.
    public func takeNotices() -> [String] {
        lock.withLock {
            defer { notices = [] }
            return notices
        }
    }

    /// Waits until every player started so far has exited (tests; a session never waits).
    public func waitUntilSilent() {
        inFlight.wait()
    }

    /// Waits until every player started so far has exited, or `seconds` have passed: a
    /// session without a terminal lets the last word finish before the program exits, so
    /// that a script sees what each player did.
    public func waitUntilSilent(atMostSeconds seconds: Double) {
        _ = inFlight.wait(timeout: .now() + seconds)
    }

    /// Starts playing the word of `noteId`, whose reading is `pinyin`, and returns at once.
    public func play(noteId: Int64, pinyin: String) {
        prune()
        guard !players.isEmpty else {
            notice(startNotice ?? "No audio player found.")
            return
        }
        let recording: AudioRecording?
        do {
            recording = try database.recording(ofNote: noteId)
        } catch {
            notice("The word's recording could not be read (\(error)); it is synthesised instead.")
            recording = nil
        }
        if let recording {
            playRecording(recording)
        } else {
            playSpeech(pinyin: pinyin)
        }
    }

    private func playRecording(_ recording: AudioRecording) {
        guard let player = players.first(where: { $0.plays(recording.format) }) else {
            notice(
                "\(players.map(\.name).joined(separator: ", ")) cannot play \(recording.format)"
                    + " recordings; install ffmpeg (ffplay) to hear them.")
            return
        }
        let file = cacheFolder.appendingPathComponent(
            "recording-\(recording.contentHash).\(recording.format.rawValue)")
        if !FileManager.default.fileExists(atPath: file.path) {
            do {
                try prepareFolder()
                try recording.bytes.write(to: file, options: .atomic)
            } catch {
                notice("The recording could not be written to \(file.path) to play it: \(error).")
                return
            }
        }
        start(player, file: file)
    }

    private func playSpeech(pinyin: String) {
        guard let synthesizer else {
            notice(SpeechSynthesizer.missingNotice)
            return
        }
        guard let input = SpeechText.input(forPinyin: pinyin) else {
            notice("“\(pinyin)” is not pinyin, so it cannot be spoken.")
            return
        }
        guard let player = players.first(where: { $0.plays(.wav) }) else { return }
        let file = synthesizer.cachedFile(forInput: input)
        if FileManager.default.fileExists(atPath: file.path) {
            start(player, file: file)
            return
        }
        do {
            try prepareFolder()
        } catch {
            notice("The audio cache \(cacheFolder.path) cannot be written: \(error).")
            return
        }
        // Written beside the final name, then renamed: a player never reads half a file, and a
        // session stopped halfway leaves no broken cache entry.
        let part = file.deletingLastPathComponent()
            .appendingPathComponent(".\(UUID().uuidString).part.wav")
        let process = synthesizer.process(forInput: input, writingTo: part)
        process.terminationHandler = { [weak self] finished in
            guard let self else { return }
            defer { self.inFlight.leave() }
            if finished.terminationStatus == 0,
                (try? FileManager.default.moveItem(at: part, to: file)) != nil
                    || FileManager.default.fileExists(atPath: file.path)
            {
                self.start(player, file: file)
            } else {
                try? FileManager.default.removeItem(at: part)
                self.notice(SpeechFailure(status: finished.terminationStatus).description + ".")
            }
        }
        launch(process, what: "espeak-ng")
    }

    private func start(_ player: AudioPlayer, file: URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: player.executable)
        process.arguments = player.arguments + [file.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.terminationHandler = { [weak self] finished in
            defer { self?.inFlight.leave() }
            guard finished.terminationReason == .exit, finished.terminationStatus != 0 else {
                return
            }
            self?.notice(
                "\(player.name) could not play the word (exit status"
                    + " \(finished.terminationStatus)): no sound device? The session goes on"
                    + " without sound.")
        }
        launch(process, what: player.name)
    }

    private func launch(_ process: Process, what: String) {
        inFlight.enter()
        do {
            try process.run()
            lock.withLock { running.append(process) }
        } catch {
            inFlight.leave()
            notice("\(what) could not be started: \(error).")
        }
    }

    /// Forgets the processes that have exited (Foundation has reaped them).
    private func prune() {
        lock.withLock { running.removeAll { !$0.isRunning } }
    }

    private func prepareFolder() throws {
        try FileManager.default.createDirectory(at: cacheFolder, withIntermediateDirectories: true)
    }

    private func notice(_ line: String) {
        lock.withLock {
            if said.insert(line).inserted { notices.append(line) }
        }
    }
}
