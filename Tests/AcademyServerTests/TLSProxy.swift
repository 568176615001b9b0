import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// nginx terminating TLS in front of a test server, as docs/ACADEMY.md sets it up: a throwaway
/// process on a free loopback port with a certificate `openssl` makes for 127.0.0.1.
final class TLSProxy {
    /// nginx, or `nil` where it is not installed.
    static let nginx: String? = ["/usr/sbin/nginx", "/usr/bin/nginx"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    /// openssl, or `nil`.
    static let openssl: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Whether the TLS tests can run here.
    static var isAvailable: Bool { nginx != nil && openssl != nil && canTrust }

    /// The line the skipped tests show.
    static let missing = Comment(
        rawValue: "TLS tests skipped: they need nginx and openssl (apt-get install nginx "
            + "openssl) and root, to trust a test certificate in a mount namespace (unshare)")

    /// The proxy's port on 127.0.0.1.
    let port: Int
    /// The certificate clients must trust (self-signed: it is its own authority).
    let certificate: String
    let folder: String
    private let pid: pid_t

    /// The nginx configuration docs/ACADEMY.md shows, with the test's paths and ports.
    static func configuration(folder: String, port: Int, backend: Int) -> String {
        """
        daemon off;
        master_process off;
        worker_processes 1;
        pid \(folder)/nginx.pid;
        error_log \(folder)/error.log;
        events { worker_connections 256; }
        http {
            access_log off;
            client_body_temp_path \(folder)/body;
            proxy_temp_path \(folder)/proxy;
            fastcgi_temp_path \(folder)/fastcgi;
            uwsgi_temp_path \(folder)/uwsgi;
            scgi_temp_path \(folder)/scgi;
            server {
                listen 127.0.0.1:\(port) ssl;
                ssl_certificate \(folder)/cert.pem;
                ssl_certificate_key \(folder)/key.pem;
                ssl_protocols TLSv1.2 TLSv1.3;
                # lianxi-server refuses bodies over 8 MiB itself, with a message.
                client_max_body_size 9m;
                location / {
                    proxy_pass http://127.0.0.1:\(backend);
                    proxy_http_version 1.1;
                    proxy_set_header Host $host;
                    proxy_set_header X-Forwarded-For $remote_addr;
                    proxy_set_header X-Forwarded-Proto https;
                }
            }
        }

        """
    }

    /// Starts nginx in front of the server on `backend`.
    init(backend: Int) throws {
        guard let nginx = Self.nginx, let openssl = Self.openssl else {
            throw ProxyFailure("nginx or openssl is missing")
        }
        folder =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("lianxi-tls-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        certificate = "\(folder)/cert.pem"
        try Self.run(
            openssl,
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-keyout", "\(folder)/key.pem", "-out", certificate, "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            ])
        var started: (pid_t, Int)?
        for _ in 0..<5 where started == nil {
            let port = try Self.freePort()
            try Self.configuration(folder: folder, port: port, backend: backend)
                .write(toFile: "\(folder)/nginx.conf", atomically: true, encoding: .utf8)
            let pid = try Self.spawn(
                nginx, ["-p", folder, "-c", "\(folder)/nginx.conf", "-e", "\(folder)/error.log"])
            // Bounded wait for the port to accept; another process may have taken it.
            var status: Int32 = 0
            for _ in 0..<200 where waitpid(pid, &status, WNOHANG) == 0 {
                if Self.accepts(port) {
                    started = (pid, port)
                    break
                }
                usleep(25_000)
            }
            if started == nil { Self.end(pid) }
        }
        guard let started else {
            let log = (try? String(contentsOfFile: "\(folder)/error.log", encoding: .utf8)) ?? ""
            throw ProxyFailure("nginx did not start: \(log)")
        }
        (pid, port) = started
    }

    /// Starts `program` with no signal blocked and the usual signals at their defaults (a test
    /// runner's threads block most of them, and a child inherits its mask: nginx would never
    /// see SIGTERM), output to /dev/null.
    static func spawn(_ program: String, _ arguments: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var usual = sigset_t()
        sigemptyset(&usual)
        for signal in [SIGTERM, SIGINT, SIGQUIT, SIGHUP] { sigaddset(&usual, signal) }
        posix_spawnattr_setsigdefault(&attributes, &usual)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, program, &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw ProxyFailure("\(program) could not be started") }
        return pid
    }

    /// Ends a process this proxy started and reaps it.
    static func end(_ pid: pid_t) {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
    }

    /// Stops nginx and removes its folder.
    func stop() {
        Self.end(pid)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Arguments that run a program trusting `certificate` as if it were installed in the
    /// system's store (`update-ca-certificates`), in a mount namespace of its own: the system's
    /// bundle with the certificate appended is mounted over it for that process alone.
    func trusting() throws -> [String] {
        let bundle = "\(folder)/bundle.pem"
        let system = (try? String(contentsOfFile: Self.systemBundle, encoding: .utf8)) ?? ""
        try (system + "\n" + String(contentsOfFile: certificate, encoding: .utf8))
            .write(toFile: bundle, atomically: true, encoding: .utf8)
        return [
            "/usr/bin/unshare", "--mount", "--", "/bin/sh", "-c",
            "mount --bind \"$0\" \(Self.systemBundle) && exec \"$@\"", bundle,
        ]
    }

    /// Debian's certificate bundle, which its libcurl (FoundationNetworking) reads.
    static let systemBundle = "/etc/ssl/certs/ca-certificates.crt"

    /// Whether a process can be given its own mount namespace here (root, `unshare`).
    static var canTrust: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare")
            && FileManager.default.fileExists(atPath: systemBundle)
    }

    struct ProxyFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static func run(_ program: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ProxyFailure("\(program) \(arguments.joined(separator: " ")) failed")
        }
    }

    /// A port on 127.0.0.1 that nothing listens on now.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ProxyFailure("socket() failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length)
            }
        }
        guard bound == 0 else { throw ProxyFailure("bind() failed") }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(socket, $0, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts connections on 127.0.0.1:`port`.
    static func accepts(_ port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
