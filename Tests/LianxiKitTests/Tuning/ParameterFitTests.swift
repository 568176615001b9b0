import Foundation
import LianxiKit
import Storage
import TestSupport
import Testing

@testable import SpacedRepetition

@Suite struct ParameterFitTests {
    /// 240 cards studied for 120 days by a learner whose memory is unlike the defaults: the fit
    /// trains all 21 parameters, predicts the answers better than the defaults, moves toward
    /// the learner's truth, and is chosen.
    @Test func aFitToAGeneratedHistoryBeatsTheDefaults() throws {
        let collection = try StudiedCollection(
            noteCount: 80, studiedCards: 240, newPerDay: 8, days: 120)
        let log = try collection.database.reviewLog(for: collection.associate.id)
        var steps: [Int] = []
        let fit = try ParameterFit.fit(
            log: log, currentParameters: nil, associateName: "ana",
            dayCounting: collection.associate.dayCounting
        ) { done, _ in steps.append(done) }

        #expect(fit.currentAreDefaults)
        #expect(fit.answerCount == log.count)
        #expect(fit.cardCount == 240)
        #expect(fit.itemCount > Optimizer.minimumItemsForTraining)
        #expect(fit.result.extent == .allParameters)
        #expect(fit.current.itemCount == fit.itemCount)
        #expect(fit.fitted.itemCount == fit.itemCount)
        #expect(fit.fitted.logLoss < fit.current.logLoss - 0.001)
        #expect(fit.fitted.rmseBins < fit.current.rmseBins)
        #expect(fit.choice == .fitted)
        // The first answers last longer for this learner than the defaults say.
        let truth = SimulatedLearner.distinctTruth
        #expect(
            abs(fit.result.parameters[2] - truth[2]) < abs(Parameters.default[2] - truth[2]))
        #expect(!steps.isEmpty && steps == Array(1...steps.count))
    }

    /// Fitting again from the fitted parameters finds nothing better to switch to.
    @Test func refittingFromTheFittedParametersScoresTheSameItems() throws {
        let collection = try StudiedCollection(
            noteCount: 40, studiedCards: 120, newPerDay: 6, days: 90, seed: 2)
        let log = try collection.database.reviewLog(for: collection.associate.id)
        let first = try ParameterFit.fit(
            log: log, currentParameters: nil, associateName: "ana",
            dayCounting: collection.associate.dayCounting)
        let second = try ParameterFit.fit(
            log: log, currentParameters: first.result.parameters.values, associateName: "ana",
            dayCounting: collection.associate.dayCounting)
        #expect(!second.currentAreDefaults)
        #expect(second.current == first.fitted)
        #expect(second.itemCount == first.itemCount)
    }

    @Test func tooFewReviewsSayHowManyThereAreAndHowManyAreNeeded() throws {
        // Three cards over three days: at most a few answers a day or more apart.
        let collection = try StudiedCollection(
            noteCount: 3, studiedCards: 3, newPerDay: 3, days: 3)
        let log = try collection.database.reviewLog(for: collection.associate.id)
        let items = TrainingItem.makeItems(log: log, dayCounting: collection.associate.dayCounting)
        #expect(items.count < 8)
        #expect(
            throws: ParameterFitError.tooFewReviews(
                associate: "ana", usable: items.count, answers: log.count, needed: 8)
        ) {
            try ParameterFit.fit(
                log: log, currentParameters: nil, associateName: "ana",
                dayCounting: collection.associate.dayCounting)
        }
        let message = ParameterFitError.tooFewReviews(
            associate: "ana", usable: 5, answers: 14, needed: 8
        ).description
        #expect(message.contains("at least 8"))
        #expect(message.contains("there are 5 (out of 14 answers in all)"))
        #expect(message.contains("nothing was changed"))
    }

    @Test func storedParametersThatAreNotValidAreReported() throws {
        #expect {
            try ParameterFit.fit(
                log: [], currentParameters: [1, 2, 3], associateName: "ana",
                dayCounting: .elapsed24HourPeriods)
        } throws: { error in
            guard
                case .invalidStoredParameters(let associate, let problems) =
                    error as? ParameterFitError
            else { return false }
            return associate == "ana" && !problems.isEmpty
        }
    }

    struct ChoiceCase: Sendable, CustomTestStringConvertible {
        let current: (logLoss: Double, rmse: Double)
        let fitted: (logLoss: Double, rmse: Double)
        let same: Bool
        let choice: ParameterChoice
        var testDescription: String { "\(current) → \(fitted), same: \(same)" }
    }

    @Test(arguments: [
        ChoiceCase(current: (0.40, 0.05), fitted: (0.38, 0.03), same: false, choice: .fitted),
        ChoiceCase(current: (0.40, 0.05), fitted: (0.38, 0.05), same: false, choice: .fitted),
        ChoiceCase(
            current: (0.40, 0.05), fitted: (0.38, 0.06), same: false,
            choice: .current(because: .notBetter)),
        ChoiceCase(
            current: (0.40, 0.05), fitted: (0.40, 0.03), same: false,
            choice: .current(because: .notBetter)),
        ChoiceCase(
            current: (0.40, 0.05), fitted: (0.41, 0.04), same: false,
            choice: .current(because: .notBetter)),
        ChoiceCase(
            current: (0.40, 0.05), fitted: (0.40, 0.05), same: true,
            choice: .current(because: .sameParameters)),
    ])
    func theFittedParametersMustScoreBetterOnBothMeasures(_ example: ChoiceCase) {
        let choice = ParameterChoice(
            current: Self.evaluation(example.current.logLoss, example.current.rmse),
            fitted: Self.evaluation(example.fitted.logLoss, example.fitted.rmse),
            fittedAreSame: example.same)
        #expect(choice == example.choice)
    }

    @Test func itemsFromALogAreBuiltPerCardInTimeOrder() throws {
        // Two cards answered on interleaved days (09:00 in Shanghai), as the log keeps them.
        let fixture = try StudyFixture()
        let ids = try fixture.database.cardIds(inDeck: "test")
        let first = try #require(ids["t-001"]?[.recognition])
        let second = try #require(ids["t-002"]?[.recognition])
        func answer(_ card: Int64, _ day: Int, _ rating: Rating) -> PastReview {
            PastReview(
                id: "\(card)-\(day)", cardId: card,
                reviewedAt: StudyFixture.mondayMorning.addingTimeInterval(Double(day) * 86_400),
                rating: rating, duration: nil)
        }
        try HistoryMerge.merge(
            [
                answer(first, 0, .good), answer(second, 1, .again), answer(first, 3, .good),
                answer(second, 2, .good), answer(first, 10, .again), answer(second, 6, .hard),
            ], into: fixture.database, for: fixture.associate)
        let log = try fixture.database.reviewLog(for: fixture.associate.id)

        let items = TrainingItem.makeItems(log: log, dayCounting: fixture.associate.dayCounting)

        #expect(
            items.map { $0.reviews.map(\.elapsedDays) } == [
                [0, 1], [0, 3], [0, 1, 4], [0, 3, 7],
            ])
        #expect(items.map(\.target.rating) == [.good, .good, .hard, .again])
    }

    /// An evaluation with the given scores.
    static func evaluation(_ logLoss: Double, _ rmse: Double) -> Evaluation {
        Evaluation(logLoss: logLoss, rmseBins: rmse, itemCount: 1)
    }
}
