import LianxiKit
import Testing

@Suite struct DataLocationTests {
    @Test(arguments: [
        (nil as String?, [String: String](), "~/.local/share/lianxi/lianxi.sqlite"),
        (nil, ["HOME": "/home/ana"], "/home/ana/.local/share/lianxi/lianxi.sqlite"),
        (nil, ["HOME": "/home/ana", "XDG_DATA_HOME": "/data"], "/data/lianxi/lianxi.sqlite"),
        (
            nil, ["HOME": "/home/ana", "XDG_DATA_HOME": ""],
            "/home/ana/.local/share/lianxi/lianxi.sqlite"
        ),
        (nil, ["LIANXI_DB": "/tmp/a.sqlite", "XDG_DATA_HOME": "/data"], "/tmp/a.sqlite"),
        ("/srv/b.sqlite", ["LIANXI_DB": "/tmp/a.sqlite"], "/srv/b.sqlite"),
    ])
    func databasePathFollowsOptionThenEnvironment(
        explicit: String?, environment: [String: String], expected: String
    ) {
        #expect(DataLocation.databasePath(explicit: explicit, environment: environment) == expected)
    }
}
