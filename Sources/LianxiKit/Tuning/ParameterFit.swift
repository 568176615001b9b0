import Foundation
import SpacedRepetition
import Storage

/// FSRS parameters fitted to one associate's review log, scored against the ones in use.
///
/// Both sets are scored on the same items, the reviews the fit was made from (fsrs-rs's
/// log loss and RMSE(bins), `Evaluation`), so the comparison says which set explains this
/// associate's answers better, as Anki does before it replaces parameters.
public struct ParameterFit: Hashable, Sendable {
    /// The parameters in use before the fit.
    public let currentParameters: Parameters
    /// Whether the parameters in use are the defaults (none were fitted before).
    public let currentAreDefaults: Bool
    /// What the optimizer found.
    public let result: OptimizationResult
    /// How well the parameters in use predict the items.
    public let current: Evaluation
    /// How well the fitted parameters predict the same items.
    public let fitted: Evaluation
    /// Answers in the log.
    public let answerCount: Int
    /// Cards with at least one answer.
    public let cardCount: Int
    /// Reviews a day or more after the card's previous answer: the items scored.
    public let itemCount: Int

    /// Fits parameters to `log` (any order) and scores them against `currentParameters`
    /// (`nil` for the defaults).
    ///
    /// Days between answers are counted with `dayCounting`, as the associate's scheduler
    /// counts them. `progress` is the optimizer's (steps done, steps in all).
    public static func fit(
        log: [ReviewLogEntry], currentParameters stored: [Double]?, associateName: String,
        dayCounting: DayCounting, optimizer: Optimizer = Optimizer(),
        progress: (_ stepsDone: Int, _ totalSteps: Int) -> Void = { _, _ in }
    ) throws(ParameterFitError) -> ParameterFit {
        let current: Parameters
        do {
            current =
                try stored.map { values throws(ParameterError) in try Parameters(values) }
                ?? .default
        } catch {
            throw .invalidStoredParameters(associate: associateName, problems: error.problems)
        }
        let items = TrainingItem.makeItems(log: log, dayCounting: dayCounting)
        let needed = Optimizer.minimumItemsForInitialStability
        guard items.count >= needed else {
            throw .tooFewReviews(
                associate: associateName, usable: items.count, answers: log.count, needed: needed)
        }
        let result: OptimizationResult
        do {
            result = try optimizer.optimize(items, progress: progress)
        } catch {
            throw .diverged
        }
        guard result.extent != .defaults else {
            throw .tooFewAfterOutliers(
                associate: associateName, usable: items.count, kept: result.trainingItemCount,
                needed: needed)
        }
        guard let before = Evaluation(parameters: current, items: items),
            let after = Evaluation(parameters: result.parameters, items: items)
        else {
            throw .tooFewReviews(
                associate: associateName, usable: items.count, answers: log.count, needed: needed)
        }
        return ParameterFit(
            currentParameters: current, currentAreDefaults: stored == nil, result: result,
            current: before, fitted: after, answerCount: log.count,
            cardCount: Set(log.map(\.cardId)).count, itemCount: items.count)
    }

    /// Which parameters to keep.
    public var choice: ParameterChoice {
        ParameterChoice(
            current: current, fitted: fitted,
            fittedAreSame: result.parameters == currentParameters)
    }
}

/// Which of two sets of parameters an associate keeps after a fit.
public enum ParameterChoice: Hashable, Sendable {
    /// The fitted parameters: lower log loss, and RMSE(bins) no higher.
    case fitted
    /// The parameters in use, and why.
    case current(because: Reason)

    /// Why the parameters in use stay.
    public enum Reason: Hashable, Sendable {
        /// The fit found exactly the parameters in use.
        case sameParameters
        /// The fitted parameters do not predict the answers better on both measures.
        case notBetter
    }

    /// Chooses between the parameters in use and fitted ones scored on the same items.
    ///
    /// The fitted ones replace the current ones only if they predict recall better (lower
    /// log loss) without being worse calibrated (RMSE(bins) no higher): a fit made on the very
    /// items it is scored on almost always lowers log loss, so calibration must hold too.
    public init(current: Evaluation, fitted: Evaluation, fittedAreSame: Bool = false) {
        if fittedAreSame {
            self = .current(because: .sameParameters)
        } else if fitted.logLoss < current.logLoss, fitted.rmseBins <= current.rmseBins {
            self = .fitted
        } else {
            self = .current(because: .notBetter)
        }
    }
}

/// Why parameters could not be fitted for an associate.
public enum ParameterFitError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Too few reviews a day or more after the previous answer of their card.
    case tooFewReviews(associate: String, usable: Int, answers: Int, needed: Int)
    /// Enough reviews, but too few left once unusual first intervals are left out.
    case tooFewAfterOutliers(associate: String, usable: Int, kept: Int, needed: Int)
    /// The parameters stored for the associate are not valid FSRS-6 parameters.
    case invalidStoredParameters(associate: String, problems: [String])
    /// Training produced numbers that are not finite.
    case diverged

    /// What happened and what to do next.
    public var description: String {
        switch self {
        case .tooFewReviews(let associate, let usable, let answers, let needed):
            "Too few reviews to fit FSRS parameters for \(associate): the fit needs at least "
                + "\(needed) answers given a day or more after the card's previous answer, and "
                + "there \(usable == 1 ? "is" : "are") \(usable) (out of \(answers) "
                + "answer\(answers == 1 ? "" : "s") in all). Keep studying for a few days and "
                + "try again; nothing was changed."
        case .tooFewAfterOutliers(let associate, let usable, let kept, let needed):
            "Too few usable reviews to fit FSRS parameters for \(associate): of \(usable) "
                + "reviews a day or more apart, \(kept) remain once unusual first intervals "
                + "are left out, and the fit needs \(needed). Keep studying and try again; "
                + "nothing was changed."
        case .invalidStoredParameters(let associate, let problems):
            "The FSRS parameters stored for \(associate) are not valid ("
                + problems.joined(separator: "; ") + "). Nothing was changed."
        case .diverged:
            "Fitting the FSRS parameters failed: training diverged. The current parameters "
                + "were kept; nothing was changed."
        }
    }
}

extension TrainingItem {
    /// The items of an associate's review log: per card, one for every answer given a day or
    /// more after the previous one, ordered by when their target answers were given.
    public static func makeItems(log: [ReviewLogEntry], dayCounting: DayCounting)
        -> [TrainingItem]
    {
        var cardOrder: [Int64] = []
        var answers: [Int64: [PastAnswer]] = [:]
        for entry in log {
            if answers[entry.cardId] == nil { cardOrder.append(entry.cardId) }
            answers[entry.cardId, default: []].append(
                PastAnswer(entry.rating, at: entry.reviewedAt))
        }
        return makeItems(cards: cardOrder.compactMap { answers[$0] }, dayCounting: dayCounting)
    }
}
