import Foundation
import Logging
import PostgresNIO
import Testing

@testable import AcademyServer

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL cluster for this test process: `initdb` and `pg_ctl` in a temporary
/// folder, listening only on a Unix socket there, stopped when the process exits.
///
/// When the tests run as root (CI does), the cluster runs as the `postgres` account through
/// `runuser`, because PostgreSQL refuses to run as root.
enum TestCluster {
    /// The folder of PostgreSQL's programs, or `nil` where it is not installed.
    static let binaries: String? = {
        let fixed = ["/usr/lib/postgresql"]
        for root in fixed {
            let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
            for version in versions.sorted(by: >) {
                let bin = "\(root)/\(version)/bin"
                if FileManager.default.isExecutableFile(atPath: "\(bin)/initdb") { return bin }
            }
        }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        where FileManager.default.isExecutableFile(atPath: "\(folder)/initdb") {
            return String(folder)
        }
        return nil
    }()

    /// Whether the PostgreSQL tests can run here.
    static var isAvailable: Bool { binaries != nil }

    /// The line the skipped tests show.
    static let missing: Comment =
        "PostgreSQL tests skipped: initdb not found; install it with apt-get install postgresql"

    /// The running cluster's socket folder, started on first use.
    static let folder: Task<String, any Error> = Task { try start() }

    nonisolated(unsafe) private static var startedFolder: String?

    private static func start() throws -> String {
        let temporary = FileManager.default.temporaryDirectory.path
        stopOrphans(in: temporary)
        let folder = "\(temporary)/lianxi-pg-\(UUID().uuidString.prefix(8))"
        try startServer(in: folder, owner: getpid())
        startedFolder = folder
        atexit {
            guard let folder = TestCluster.startedFolder, let binaries = TestCluster.binaries
            else { return }
            try? TestCluster.command(
                getuid() == 0, "\(binaries)/pg_ctl",
                ["-D", "\(folder)/data", "-m", "immediate", "stop"])
            try? FileManager.default.removeItem(atPath: folder)
        }
        return folder
    }

    /// Makes `folder` and starts a cluster there, listening on a socket in it, with the test
    /// process `owner` named in its ``ownerFile``.
    static func startServer(in folder: String, owner: pid_t) throws {
        guard let binaries else { throw AcademyFailure(500, "initdb not found") }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try String(owner).write(
            toFile: "\(folder)/\(ownerFile)", atomically: true, encoding: .utf8)
        let asRoot = getuid() == 0
        if asRoot {
            try run("/bin/chown", ["postgres:postgres", folder])
        }
        let data = "\(folder)/data"
        try command(
            asRoot, "\(binaries)/initdb",
            [
                "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync",
                "--locale=C.UTF-8",
            ])
        try command(
            asRoot, "\(binaries)/pg_ctl",
            [
                "-D", data, "-l", "\(folder)/log", "-w", "-o",
                "-k \(folder) -c listen_addresses= -F -c max_connections=200", "start",
            ])
    }

    /// The file in a cluster's folder naming the test process that started it.
    static let ownerFile = "owner"

    /// Stops and removes the clusters in `parent` whose test process is gone.
    ///
    /// A test process stops its cluster at exit, but a process stopped by a signal or a fatal
    /// error cannot: its server would run until the machine stops. Each cluster's folder names
    /// its process, and the next test process stops those whose process has ended (a folder
    /// without the name, or whose process lives, is left alone: another run may be using it).
    static func stopOrphans(in parent: String) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        for entry in entries where entry.hasPrefix("lianxi-pg-") {
            let folder = "\(parent)/\(entry)"
            guard
                let owner = try? String(
                    contentsOfFile: "\(folder)/\(ownerFile)", encoding: .utf8),
                let pid = pid_t(owner), pid > 0, kill(pid, 0) == -1, errno == ESRCH
            else { continue }
            if let binaries,
                FileManager.default.fileExists(atPath: "\(folder)/data/postmaster.pid")
            {
                try? command(
                    getuid() == 0, "\(binaries)/pg_ctl",
                    ["-D", "\(folder)/data", "-m", "immediate", "stop"])
            }
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    private static func command(_ asRoot: Bool, _ program: String, _ arguments: [String]) throws {
        if asRoot {
            try run("/usr/sbin/runuser", ["-u", "postgres", "--", program] + arguments)
        } else {
            try run(program, arguments)
        }
    }

    /// Runs `program` and waits for it with `waitpid` on this thread.
    ///
    /// Foundation's `Process` is not used here: it reaps its children from a signal handler of
    /// its own, and the `runuser` that starts the server was left a zombie that
    /// `waitUntilExit` never saw.
    static func run(_ program: String, _ arguments: [String]) throws {
        // Errors go to a file, not a pipe: the server pg_ctl starts would keep a pipe open.
        let errors = FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-pg-\(UUID().uuidString).err").path
        defer { try? FileManager.default.removeItem(atPath: errors) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Nothing else of this process goes with it: the server lives on after pg_ctl, and a
        // pipe another test had open at that moment (`lianxi` run with its output on a pipe)
        // would stay open in the server, so that test's read never ended.
        guard let closeFrom, closeFrom(&actions, 3) == 0 else {
            throw AcademyFailure(
                500, "The tests' PostgreSQL needs glibc 2.34 or later (posix_spawn closefrom).")
        }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw AcademyFailure(500, "\(program) could not be started (error \(spawned))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else {
                throw AcademyFailure(500, "waiting for \(program) failed (errno \(errno))")
            }
        }
        // Exited normally (low 7 bits zero) with status 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            let message = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            throw AcademyFailure(
                500, "\(program) \(arguments.joined(separator: " ")) failed: \(message)")
        }
    }

    /// A function that adds "close every descriptor from N" to a spawn's file actions.
    private typealias CloseFrom =
        @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32
        ) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34 and later).
    ///
    /// Swift's Glibc module leaves it out (it is declared for `_GNU_SOURCE` only), so it is
    /// looked up by name.
    private static let closeFrom: CloseFrom? = dlsym(
        nil, "posix_spawn_file_actions_addclosefrom_np"
    ).map { unsafeBitCast($0, to: CloseFrom.self) }

    nonisolated(unsafe) private static var databases = 0
    private static let lock = NSLock()

    /// A fresh, migrated database of its own.
    static func freshDatabase() async throws -> PostgresLocation {
        let folder = try await folder.value
        let name = lock.withLock {
            databases += 1
            return "test_\(getpid())_\(databases)"
        }
        let socket = "\(folder)/.s.PGSQL.5432"
        try await withAcademyStore(
            .socket(path: socket, user: "postgres", password: nil, database: "postgres")
        ) { store in
            _ = try await store.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        let location = PostgresLocation.socket(
            path: socket, user: "postgres", password: nil, database: name)
        _ = try await withAcademyStore(location) { try await $0.migrate() }
        return location
    }
}
