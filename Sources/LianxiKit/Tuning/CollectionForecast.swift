import Foundation
import SpacedRepetition
import Storage

/// The workload of an associate's own collection over the coming days, for several desired
/// retentions: the cards already studied, with their memory and due dates, and the new cards
/// still waiting, introduced at the associate's pace.
public struct CollectionForecast: Hashable, Sendable {
    /// What to forecast.
    public struct Request: Hashable, Sendable {
        /// The desired retentions compared, in the order shown.
        public var retentions: [Double]
        /// Days forecast, starting today.
        public var days: Int
        /// New cards a day; `nil` for the associate's setting.
        public var newCardsPerDay: Int?
        /// A time limit a day, in minutes; `nil` for none.
        public var minutesPerDay: Double?

        /// The desired retentions an associate may choose.
        public static let retentionRange = 0.70...0.99
        /// The days a forecast may cover.
        public static let dayRange = 1...3_650

        /// Creates a request.
        public init(
            retentions: [Double], days: Int, newCardsPerDay: Int? = nil,
            minutesPerDay: Double? = nil
        ) {
            self.retentions = retentions
            self.days = days
            self.newCardsPerDay = newCardsPerDay
            self.minutesPerDay = minutesPerDay
        }

        /// Every problem with the request, for the person who typed it.
        public var problems: [String] {
            var problems: [String] = []
            if retentions.isEmpty { problems.append("--retention needs at least one value") }
            for retention in retentions where !Self.retentionRange.contains(retention) {
                problems.append(
                    "--retention \(Self.format(retention)) is outside 0.70-0.99 (a chance of "
                        + "recall, e.g. 0.90 for 90 %)")
            }
            if !Self.dayRange.contains(days) {
                problems.append("--days must be from 1 to 3650, not \(days)")
            }
            if let newCardsPerDay, newCardsPerDay < 0 {
                problems.append("--new-per-day cannot be negative")
            }
            if let minutesPerDay, !(minutesPerDay > 0 && minutesPerDay.isFinite) {
                problems.append("--minutes-per-day must be more than 0")
            }
            return problems
        }

        /// The request typed on the command line (`--retention` as a comma-separated list),
        /// or every problem with it, one per line.
        public static func parse(
            retentionList: String, days: Int, newCardsPerDay: Int?, minutesPerDay: Double?
        ) -> Result<Request, InvalidRequest> {
            var problems: [String] = []
            var retentions: [Double] = []
            switch Self.retentions(from: retentionList) {
            case .success(let values): retentions = values
            case .failure(let error): problems.append(error.description)
            }
            let request = Request(
                retentions: retentions, days: days, newCardsPerDay: newCardsPerDay,
                minutesPerDay: minutesPerDay)
            // An unreadable list is reported once, not also as an empty one.
            problems += problems.isEmpty ? request.problems : Array(request.problems.dropFirst())
            return problems.isEmpty
                ? .success(request) : .failure(InvalidRequest(problems: problems))
        }

        /// Reads a comma-separated list such as `0.80,0.85,0.9` (a value may also be a
        /// percentage, `85%`), or returns the parts that are not numbers.
        public static func retentions(from text: String) -> Result<[Double], RetentionListError> {
            var values: [Double] = []
            var unreadable: [String] = []
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                let trimmed = part.trimmingCharacters(in: .whitespaces)
                if trimmed.hasSuffix("%"), let percent = Double(trimmed.dropLast()) {
                    values.append(percent / 100)
                } else if let value = Double(trimmed), value.isFinite {
                    values.append(value)
                } else {
                    unreadable.append(trimmed)
                }
            }
            guard unreadable.isEmpty else {
                return .failure(RetentionListError(text: text, unreadable: unreadable))
            }
            // Each retention once, in the order given.
            var seen: Set<Double> = []
            return .success(values.filter { seen.insert($0).inserted })
        }

        /// A retention as typed: two decimals unless it has more.
        public static func format(_ value: Double) -> String {
            let hundredths = (value * 100).rounded()
            return abs(value * 100 - hundredths) < 1e-9
                ? String(format: "%.2f", value) : "\(value)"
        }
    }

    /// The associate's collection, as the simulator sees it.
    public let settings: WorkloadSimulator.Settings
    /// The associate's parameters.
    public let parameters: Parameters
    /// The desired retentions, in order.
    public let retentions: [Double]

    /// Prepares a forecast of `request` for the cards `studied` (their states) and
    /// `newCardCount` cards never studied, from the study day containing `now`.
    ///
    /// Studied cards keep their due day (overdue ones come on the first day); cards in
    /// (re)learning count as due today. Cards without an FSRS memory (last answered under
    /// SM-2) are left out: FSRS would start their memory afresh at the next answer.
    public init(
        studied: [CardState], newCardCount: Int, parameters: Parameters,
        newCardsPerDay: Int, reviewsPerDay: Int?, dayCounting: DayCounting, now: Date,
        request: Request
    ) {
        let today = dayCounting.dayNumber(of: now)
        let cards = studied.compactMap { state -> WorkloadSimulator.StudiedCard? in
            guard let memory = state.memoryState, let lastReview = state.lastReview,
                let due = state.due
            else { return nil }
            let lastReviewDay = min(dayCounting.dayNumber(of: lastReview) - today, 0)
            let dueDay = state.phase == .review ? dayCounting.dayNumber(of: due) - today : 0
            return WorkloadSimulator.StudiedCard(
                memory: memory, lastReviewDay: lastReviewDay, dueDay: dueDay)
        }
        settings = WorkloadSimulator.Settings(
            deckSize: max(newCardCount, 0), days: request.days,
            newCardsPerDay: request.newCardsPerDay ?? newCardsPerDay,
            reviewsPerDay: reviewsPerDay, minutesPerDay: request.minutesPerDay,
            studiedCards: cards)
        self.parameters = parameters
        retentions = request.retentions
    }

    /// What is forecast, in a few lines of at most 80 columns.
    public func summary(associateName: String, hasFittedParameters: Bool) -> String {
        var limits = [
            settings.newCardsPerDay.map { "\(groupedDigits($0)) new a day" } ?? "no new-card limit",
            settings.reviewsPerDay.map { "at most \(groupedDigits($0)) reviews a day" },
            settings.minutesPerDay.map { minutes in
                let whole = minutes.rounded()
                let text = whole == minutes ? groupedDigits(Int(whole)) : fixed(minutes, 1)
                return "at most \(text) minutes a day"
            },
        ].compactMap { $0 }
        if limits.count > 1 {
            let last = limits.removeLast()
            limits[limits.count - 1] += " and " + last
        }
        let text =
            "Workload for \(associateName) over the next \(counted(settings.days, "day")), "
            + "from \(counted(settings.studiedCards.count, "card")) studied and "
            + "\(groupedDigits(settings.deckSize)) new, with \(limits.joined(separator: ", ")); "
            + (hasFittedParameters
                ? "FSRS parameters fitted to \(associateName)'s reviews."
                : "FSRS default parameters (`lianxi optimize` fits them to your reviews).")
            + " Known at the end: the cards you would recall on the last day."
        return ParameterFitReport.wrapped(text, width: 80).map { $0 + "\n" }.joined()
    }

    /// The forecast for each retention, in order.
    public func forecasts() throws(SimulationSettingsError) -> [WorkloadForecast] {
        try WorkloadSimulator(parameters: parameters, settings: settings)
            .forecasts(desiredRetentions: retentions)
    }
}

/// A forecast request with problems, for the person who typed it.
public struct InvalidRequest: Error, Hashable, Sendable, CustomStringConvertible {
    /// Every problem, one sentence each.
    public let problems: [String]

    /// The problems, one per line.
    public var description: String {
        problems.map { $0.hasSuffix(".") ? $0 : $0 + "." }.joined(separator: "\n")
    }
}

/// A `--retention` list with parts that are not numbers.
public struct RetentionListError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The whole list as typed.
    public let text: String
    /// The parts that could not be read.
    public let unreadable: [String]

    /// What is wrong, and an example of what works.
    public var description: String {
        let parts = unreadable.map { $0.isEmpty ? "an empty value" : "\"\($0)\"" }
        return "--retention \(text): \(parts.joined(separator: ", ")) "
            + "\(parts.count == 1 ? "is" : "are") not a number; write a list such as "
            + "0.80,0.85,0.90,0.95."
    }
}
