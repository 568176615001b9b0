/// Where the study database lives: `--db`, else `LIANXI_DB`, else the XDG data folder.
public enum DataLocation {
    /// The database path for an explicit `--db` value and the process environment.
    ///
    /// Without either, it is `$XDG_DATA_HOME/lianxi/lianxi.sqlite`, and with no
    /// `XDG_DATA_HOME` it is `~/.local/share/lianxi/lianxi.sqlite`.
    public static func databasePath(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment["LIANXI_DB"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "\(environment["HOME"] ?? "~")/.local/share"
        return "\(dataHome)/lianxi/lianxi.sqlite"
    }
}
