import ChineseText
import Foundation
import SpacedRepetition

/// The text `lianxi optimize` prints: the two sets of parameters, their scores, the choice and
/// what was done about it.
public struct ParameterFitReport: Hashable, Sendable {
    /// What became of the fit.
    public enum Action: Hashable, Sendable {
        /// The fitted parameters were saved and the cards rescheduled by replaying their log:
        /// how many were replayed, and how many of them now come due on another day.
        case saved(cardsReplayed: Int, cardsMoved: Int)
        /// The parameters in use were kept.
        case kept
        /// Nothing was changed, on request.
        case dryRun
        /// Nothing was changed: the associate is scheduled by SM-2, which has no FSRS
        /// parameters.
        case dryRunOnSM2
    }

    /// The fit.
    public let fit: ParameterFit
    /// Whose parameters.
    public let associateName: String
    /// What was done.
    public let action: Action

    /// Creates the report.
    public init(fit: ParameterFit, associateName: String, action: Action) {
        self.fit = fit
        self.associateName = associateName
        self.action = action
    }

    /// The report, lines ending in newlines, at most 80 columns wide.
    public var text: String {
        var lines = Self.wrapped(
            "FSRS-6 parameters for \(associateName), fitted to \(counted(fit.answerCount, "answer")) "
                + "of \(counted(fit.cardCount, "card")): "
                + "\(counted(fit.itemCount, "review")) a day or more after the card's previous "
                + "answer, \(groupedDigits(fit.result.trainingItemCount)) used for the fit.",
            width: 80)
        lines.append("")
        let currentName = fit.currentAreDefaults ? "current (defaults)" : "current"
        let names = [currentName, "fitted"]
        let nameWidth = names.map(\.count).max() ?? 0
        lines.append(
            "  " + "".padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                + "   log loss   RMSE(bins)")
        for (name, evaluation) in zip(names, [fit.current, fit.fitted]) {
            lines.append(
                "  " + name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                    + String(
                        format: "   %8.4f   %8.2f %%", evaluation.logLoss,
                        evaluation.rmseBins * 100))
        }
        lines.append("  (lower is better for both, scored on the same reviews)")
        lines.append("")
        switch fit.result.extent {
        case .allParameters:
            lines.append("All 21 parameters were fitted.")
        case .initialStabilities:
            lines += Self.wrapped(
                "Only w0-w3 (the memory after a first answer) were fitted: fitting all 21 needs "
                    + "\(Optimizer.minimumItemsForTraining) usable reviews, some of them beyond "
                    + "the first interval.", width: 80)
        case .defaults:
            lines.append("Nothing could be fitted: these are the defaults.")
        }
        lines += verdict
        lines.append("")
        lines.append("Parameters w0-w20:")
        lines += parameterRows(name: currentName, fit.currentParameters)
        lines += parameterRows(name: "fitted", fit.result.parameters)
        return lines.map { $0 + "\n" }.joined()
    }

    private var verdict: [String] {
        let scores =
            "log loss \(fixed(fit.current.logLoss, 4)) → \(fixed(fit.fitted.logLoss, 4)), "
            + "RMSE \(fixed(fit.current.rmseBins * 100, 2)) % → "
            + "\(fixed(fit.fitted.rmseBins * 100, 2)) %"
        var lines: [String] = []
        switch fit.choice {
        case .fitted:
            lines.append(
                "The fitted parameters predict \(associateName)'s answers better (\(scores)).")
        case .current(because: .sameParameters):
            lines.append("The fit found the parameters already in use.")
        case .current(because: .notBetter):
            lines.append(
                "The fitted parameters do not predict \(associateName)'s answers better on both "
                    + "measures (\(scores)).")
        }
        switch action {
        case .saved(let replayed, let moved):
            lines.append(
                "Saved them, and rescheduled \(counted(replayed, "card")) by replaying "
                    + "\(associateName)'s review log with them; \(groupedDigits(moved)) now "
                    + "come\(moved == 1 ? "s" : "") due on another day.")
        case .kept:
            lines.append("Kept the current parameters; nothing was changed.")
        case .dryRun:
            lines.append(
                fit.choice == .fitted
                    ? "Dry run: nothing was changed. Without --dry-run they would be saved and "
                        + "the cards rescheduled."
                    : "Dry run: nothing was changed; without --dry-run the current parameters "
                        + "would be kept too.")
        case .dryRunOnSM2:
            lines.append(
                "Nothing was changed: \(associateName) is scheduled by SM-2, which does not use "
                    + "FSRS parameters.")
        }
        return lines.flatMap { Self.wrapped($0, width: 80) }
    }

    /// The name, then the 21 parameters in rows of 7 labelled w0, w7 and w14.
    private func parameterRows(name: String, _ parameters: Parameters) -> [String] {
        ["  " + name]
            + stride(from: 0, to: parameters.count, by: 7).map { first in
                let values = parameters.values[first..<min(first + 7, parameters.count)]
                    .map { String(format: "%8.4f", $0) }.joined(separator: " ")
                return "    " + "w\(first)".padding(toLength: 4, withPad: " ", startingAt: 0)
                    + values
            }
    }

    /// `text` broken at spaces into lines of at most `width` terminal columns (a hanzi is two).
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.terminalColumns + 1 + String(word).terminalColumns > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

/// `value` with `digits` decimals.
func fixed(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}

/// `1234` as `1,234`.
func groupedDigits(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (index, digit) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { result += "," }
        result.append(digit)
    }
    return (value < 0 ? "-" : "") + result
}

/// `3 cards`, `1 card`, `1,234 answers`.
func counted(_ value: Int, _ noun: String) -> String {
    "\(groupedDigits(value)) \(noun)\(value == 1 ? "" : "s")"
}
