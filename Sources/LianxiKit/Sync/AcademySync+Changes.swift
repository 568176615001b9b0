import AcademyProtocol
import Foundation
import Storage

extension AcademySync {
    /// What a sync exchanged besides answers and decks.
    struct ChangeExchange {
        /// Retractions sent.
        var retractionsSent = 0
        /// Settings sent and taken (not a later setting that an older server passes over).
        var settingsSent = 0
        /// What to store.
        var arrival: SyncChangeArrival
    }

    /// The retractions and settings waiting to be sent.
    struct OutgoingChanges {
        /// Answers taken back here, not acknowledged yet.
        var retractions: [String]
        /// Settings changed here, not acknowledged yet.
        var pendingSettings: [PendingSetting]
        /// Their values as they travel, of the first ten settings.
        var firstTen: [SettingChange]
        /// And of the later ones.
        var later: [SettingChange]

        /// Whether nothing waits to be sent.
        var isEmpty: Bool { retractions.isEmpty && firstTen.isEmpty && later.isEmpty }

        /// What waits to be sent for `associate`.
        init(_ database: StudyDatabase, associate: Associate) throws {
            retractions = try database.pendingRetractions(of: associate.id)
            pendingSettings = try database.pendingSettings(of: associate.id)
            let values = settingValues(of: associate)
            let settings = pendingSettings.compactMap { pending -> SettingChange? in
                // Unreadable FSRS parameters are not sent: the other laptops keep theirs.
                guard let value = values[pending.name] else { return nil }
                return SettingChange(
                    name: pending.name, value: value, changedAtMs: pending.changedAtMs)
            }
            firstTen = settings.filter { !$0.travelsLater }
            later = settings.filter(\.travelsLater)
        }
    }

    /// Sends the associate's pending retractions and settings, then pulls every retraction and
    /// setting after the change cursor; nothing local changes (the caller stores the arrival).
    ///
    /// With `firstPage` (the changes of a `POST /v1/sync`, made only when `outgoing` is empty),
    /// the pull starts with that page and goes on after it.
    static func exchangeChanges(
        _ database: StudyDatabase, associate: Associate, client: AcademyClient, nowMs: Int64,
        outgoing: OutgoingChanges? = nil, firstPage: ChangesPull? = nil
    ) async throws -> ChangeExchange {
        let outgoing = try outgoing ?? OutgoingChanges(database, associate: associate)
        let (retractions, pendingSettings) = (outgoing.retractions, outgoing.pendingSettings)
        let (firstTen, later) = (outgoing.firstTen, outgoing.later)
        var acknowledgedRetractions: [String] = []
        var held: [SettingChange] = []
        var first = true
        for start in stride(
            from: 0, to: max(retractions.count, 1), by: AcademyLimits.changesPerPush)
        {
            let batch = Array(
                retractions[start..<min(retractions.count, start + AcademyLimits.changesPerPush)])
            let sending = ChangesPush(
                retractions: batch, settings: first ? firstTen : [],
                laterSettings: first ? later : [])
            first = false
            guard
                !sending.retractions.isEmpty || !sending.settings.isEmpty
                    || !sending.laterSettings.isEmpty
            else { break }
            let response = try await client.pushChanges(sending)
            let sent = Set(batch)
            acknowledgedRetractions += response.retracted.filter { sent.contains($0) }
            held += response.settings + response.laterSettings
        }
        // A later setting is acknowledged by its held value in the answer: a server from
        // before it passes it over, and it stays pending until a server takes it.
        let heldNames = Set(held.map(\.name))
        let acknowledgedSettings = pendingSettings.filter { pending in
            firstTen.contains { $0.name == pending.name }
                || (later.contains { $0.name == pending.name } && heldNames.contains(pending.name))
        }
        var cursor = try database.changeCursor(of: associate.id)
        var pulledRetractions: [String] = []
        var pulledSettings: [String: SettingChange] = [:]
        for setting in held { pulledSettings[setting.name] = setting }
        var pages = 0
        var given = firstPage
        while true {
            let page: ChangesPull
            if let taken = given {
                page = taken
                given = nil
            } else {
                page = try await client.pullChanges(after: cursor)
            }
            guard page.cursor >= cursor else {
                throw SyncFailure("the server's cursor went backwards; is it the same server?")
            }
            for id in page.retractions {
                if let problem = RetractionCheck.problem(id) {
                    throw SyncFailure(
                        "the server sent a retraction this lianxi refuses: \(problem)")
                }
            }
            pulledRetractions += page.retractions
            for setting in page.settings {
                pulledSettings[setting.name] = setting
            }
            // Later settings this lianxi does not know (a newer server's) are passed over.
            for setting in page.laterSettings where AcademySetting(rawValue: setting.name) != nil {
                pulledSettings[setting.name] = setting
            }
            cursor = page.cursor
            pages += 1
            guard page.more, pages < 10_000 else { break }
        }
        let applied = try pulledSettings.values.sorted(by: { $0.name < $1.name }).map {
            try pulled($0, nowMs: nowMs)
        }
        return ChangeExchange(
            retractionsSent: retractions.count, settingsSent: acknowledgedSettings.count,
            arrival: SyncChangeArrival(
                acknowledgedRetractions: acknowledgedRetractions,
                acknowledgedSettings: acknowledgedSettings, retractions: pulledRetractions,
                settings: applied, cursor: cursor))
    }

    /// A setting the server sent, checked as the server checks it and as `lianxi associate set`
    /// does, as the associate's column takes it (on or off as 1 or 0).
    static func pulled(_ setting: SettingChange, nowMs: Int64) throws(SyncFailure)
        -> PulledSetting
    {
        let problems = setting.problems(nowMs: nowMs) + localProblems(setting)
        guard problems.isEmpty else {
            throw SyncFailure(
                "the server sent a setting this lianxi refuses: "
                    + problems.joined(separator: "; "))
        }
        var value = setting.value
        switch AcademySetting(rawValue: setting.name) {
        case .playAudio, .listening:
            value = value.flatMap(SettingChange.isOn).map { $0 ? "1" : "0" }
        default: break
        }
        return PulledSetting(name: setting.name, value: value, changedAtMs: setting.changedAtMs)
    }

    /// The settings that travel, as the protocol writes them; FSRS parameters that do not read
    /// as numbers are left out.
    public static func settingValues(of associate: Associate) -> [String: String?] {
        var values: [String: String?] = [
            AcademySetting.displayName.rawValue: associate.displayName,
            AcademySetting.timeZone.rawValue: associate.timeZone,
            AcademySetting.rolloverHour.rawValue: String(associate.rolloverHour),
            AcademySetting.desiredRetention.rawValue: String(associate.desiredRetention),
            AcademySetting.newCardsPerDay.rawValue: String(associate.newCardsPerDay),
            AcademySetting.maxReviewsPerDay.rawValue: String(associate.maxReviewsPerDay),
            AcademySetting.scheduler.rawValue: associate.scheduler.rawValue,
            AcademySetting.tonePalette.rawValue: associate.tonePalette,
            AcademySetting.leechAction.rawValue: associate.leechAction.rawValue,
            AcademySetting.playAudio.rawValue: SettingChange.text(associate.playsAudio),
            AcademySetting.listening.rawValue: SettingChange.text(associate.studiesListening),
        ]
        if associate.unreadableParameters == nil {
            values[AcademySetting.fsrsParameters.rawValue] = .some(
                associate.fsrsParameters.flatMap { parameters in
                    (try? JSONEncoder().encode(parameters)).map {
                        String(decoding: $0, as: UTF8.self)
                    }
                })
        }
        return values
    }

    /// The checks `lianxi associate set` makes that the protocol's bounds do not: a time zone
    /// this machine knows, a display name a terminal can show.
    static func localProblems(_ setting: SettingChange) -> [String] {
        guard let value = setting.value else { return [] }
        switch AcademySetting(rawValue: setting.name) {
        case .timeZone:
            return AssociateSettings(timeZone: value).problems.map(\.description)
        case .displayName:
            return AssociateSettings(displayName: value).problems.map(\.description)
        default:
            return []
        }
    }
}
