import AcademyProtocol
import Storage
import Testing

@testable import LianxiKit

/// A laptop checks every setting the server sends as the server does, and stores it as the
/// associate's column takes it.
@Suite struct PulledSettingTests {
    static let nowMs = SecurityTests.nowMs

    @Test(arguments: [
        ("play_audio", "true", "1"),
        ("play_audio", "false", "0"),
        ("listening", "true", "1"),
        ("listening", "false", "0"),
        ("new_cards_per_day", "7", "7"),
    ])
    func aSettingIsStoredAsItsColumnTakesIt(name: String, value: String, stored: String) throws {
        let setting = SettingChange(name: name, value: value, changedAtMs: Self.nowMs)
        let pulled = try AcademySync.pulled(setting, nowMs: Self.nowMs)
        #expect(pulled == PulledSetting(name: name, value: stored, changedAtMs: Self.nowMs))
    }

    @Test(arguments: [
        SettingChange(name: "play_audio", value: "1", changedAtMs: SecurityTests.nowMs),
        SettingChange(name: "play_audio", value: "on", changedAtMs: SecurityTests.nowMs),
        SettingChange(name: "play_audio", value: nil, changedAtMs: SecurityTests.nowMs),
        SettingChange(name: "listening", value: "FALSE", changedAtMs: SecurityTests.nowMs),
        SettingChange(name: "listening", value: "", changedAtMs: SecurityTests.nowMs),
        SettingChange(
            name: "listening", value: "true", changedAtMs: SecurityTests.nowMs + 3 * 86_400_000),
        SettingChange(name: "dark_mode", value: "true", changedAtMs: SecurityTests.nowMs),
    ])
    func anImplausibleSettingIsRefused(setting: SettingChange) {
        #expect {
            _ = try AcademySync.pulled(setting, nowMs: Self.nowMs)
        } throws: { error in
            (error as? SyncFailure)?.message.contains("this lianxi refuses") == true
        }
    }
}
