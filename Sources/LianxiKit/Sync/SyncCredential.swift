import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What a laptop needs to sync: the server, who it studies as, and its device token.
///
/// Kept in a file of its own beside the database (`lianxi.sqlite.academy.json`), readable by
/// the user alone (mode 0600): the database file is copied into backups and bundles travel,
/// the token must not travel with them.
public struct SyncCredential: Codable, Hashable, Sendable {
    /// The server's address.
    public var server: String
    /// The associate this device studies as.
    public var associate: String
    /// The device's bearer token.
    public var deviceToken: String

    /// Creates a credential.
    public init(server: String, associate: String, deviceToken: String) {
        self.server = server
        self.associate = associate
        self.deviceToken = deviceToken
    }

    /// The credential file of the database at `databasePath`.
    public static func path(besideDatabase databasePath: String) -> String {
        databasePath + ".academy.json"
    }

    /// Reads the credential at `path`; `nil` if there is none.
    public static func read(at path: String) throws(SyncFailure) -> SyncCredential? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(SyncCredential.self, from: data)
        } catch {
            throw SyncFailure(
                "\(path) is not a sync credential (\(error)); enrol again with "
                    + "lianxi sync --enrol URL CODE")
        }
    }

    /// Writes the credential to `path`, created with mode 0600 and renamed into place.
    public func write(to path: String) throws(SyncFailure) {
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            let data = try JSONEncoder().encode(self)
            unlink(temporary)
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard descriptor >= 0 else {
                throw SyncFailure("cannot create \(temporary): \(String(cString: strerror(errno)))")
            }
            let written = data.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            let synced = fsync(descriptor)
            close(descriptor)
            guard written == data.count, synced == 0, rename(temporary, path) == 0 else {
                unlink(temporary)
                throw SyncFailure("cannot write \(path): \(String(cString: strerror(errno)))")
            }
        } catch let failure as SyncFailure {
            throw failure
        } catch {
            throw SyncFailure("cannot write \(path): \(error)")
        }
    }
}
