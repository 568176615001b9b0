import Foundation
import LianxiKit
import SpacedRepetition
import Storage
import TestSupport
import Testing

@Suite struct CollectionForecastTests {
    // MARK: - The request

    @Test(arguments: [
        ("0.80,0.85,0.90,0.95", [0.80, 0.85, 0.90, 0.95]),
        ("0.9", [0.9]),
        (" 0.8 , 85% ,0.9", [0.8, 0.85, 0.9]),
        ("0.9,0.8,0.9", [0.9, 0.8]),
    ])
    func retentionListsAreRead(text: String, expected: [Double]) throws {
        let values = try CollectionForecast.Request.retentions(from: text).get()
        #expect(values.count == expected.count)
        #expect(zip(values, expected).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test(arguments: [
        ("0.8,x", "--retention 0.8,x: \"x\" is not a number"),
        ("0.8,,0.9", "an empty value is not a number"),
        ("high,low", "\"high\", \"low\" are not a number"),
    ])
    func unreadableRetentionsAreNamed(text: String, message: String) {
        guard case .failure(let error) = CollectionForecast.Request.retentions(from: text) else {
            Issue.record("\(text) was read")
            return
        }
        #expect(error.description.contains(message))
        #expect(error.description.contains("0.80,0.85,0.90,0.95"))
    }

    @Test func everyProblemWithARequestIsListed() {
        let request = CollectionForecast.Request(
            retentions: [0.65, 0.9, 1.0], days: 4_000, newCardsPerDay: -1, minutesPerDay: 0)
        #expect(
            request.problems == [
                "--retention 0.65 is outside 0.70-0.99 (a chance of recall, e.g. 0.90 for 90 %)",
                "--retention 1.00 is outside 0.70-0.99 (a chance of recall, e.g. 0.90 for 90 %)",
                "--days must be from 1 to 3650, not 4000",
                "--new-per-day cannot be negative",
                "--minutes-per-day must be more than 0",
            ])
        #expect(CollectionForecast.Request(retentions: [], days: 0).problems.count == 2)
        #expect(
            CollectionForecast.Request(retentions: [0.7, 0.99], days: 1, newCardsPerDay: 0)
                .problems.isEmpty)
        #expect(
            CollectionForecast.Request(retentions: [0.9], days: 3_650).problems.isEmpty)
    }

    @Test func aTypedRequestListsEveryProblemOnce() {
        let parsed = CollectionForecast.Request.parse(
            retentionList: "0.6,x,1", days: 0, newCardsPerDay: nil, minutesPerDay: -3)
        guard case .failure(let error) = parsed else {
            Issue.record("the request was accepted")
            return
        }
        #expect(
            error.problems == [
                "--retention 0.6,x,1: \"x\" is not a number; write a list such as "
                    + "0.80,0.85,0.90,0.95.",
                "--days must be from 1 to 3650, not 0",
                "--minutes-per-day must be more than 0",
            ])
        #expect(error.description.split(separator: "\n").count == 3)

        let good = CollectionForecast.Request.parse(
            retentionList: "0.8, 90%", days: 30, newCardsPerDay: 5, minutesPerDay: nil)
        #expect(
            (try? good.get())
                == CollectionForecast.Request(
                    retentions: [0.8, 0.9], days: 30, newCardsPerDay: 5, minutesPerDay: nil))
        let outOfRange = CollectionForecast.Request.parse(
            retentionList: "0.6,1", days: 10, newCardsPerDay: nil, minutesPerDay: nil)
        guard case .failure(let rangeError) = outOfRange else {
            Issue.record("0.6 and 1 were accepted")
            return
        }
        #expect(rangeError.problems.count == 2)
    }

    // MARK: - The collection

    /// The studied cards of a generated history keep their memory and due days relative to
    /// today; the cards never studied are the new ones.
    @Test func aStudiedCollectionBecomesTheSimulatorsStartingPoint() throws {
        let collection = try StudiedCollection(
            noteCount: 30, studiedCards: 60, newPerDay: 5, days: 40)
        let database = collection.database
        let id = collection.associate.id
        let studied = try database.dueCards(for: id, by: .distantFuture)
        let newCount = try database.newCards(for: id, at: .distantFuture, limit: 1_000).count
        #expect(studied.count == 60)
        #expect(newCount == 30)

        let forecast = CollectionForecast(
            studied: studied.compactMap(\.progress.whole?.state), newCardCount: newCount,
            parameters: .default, newCardsPerDay: 20, reviewsPerDay: 200,
            dayCounting: collection.associate.dayCounting, now: collection.now,
            request: .init(retentions: [0.8, 0.9], days: 30, minutesPerDay: 25))

        let settings = forecast.settings
        #expect(settings.deckSize == 30)
        #expect(settings.days == 30)
        #expect(settings.newCardsPerDay == 20)
        #expect(settings.reviewsPerDay == 200)
        #expect(settings.minutesPerDay == 25)
        #expect(settings.studiedCards.count == 60)
        let counting = collection.associate.dayCounting
        let today = counting.dayNumber(of: collection.now)
        for (card, state) in zip(settings.studiedCards, studied.compactMap(\.progress.whole?.state))
        {
            #expect(card.memory == state.memoryState)
            #expect(card.lastReviewDay <= 0)
            if state.phase == .review, let due = state.due {
                #expect(card.dueDay == counting.dayNumber(of: due) - today)
            } else {
                #expect(card.dueDay == 0)
            }
        }
        // Cards were overdue or due soon: the first day has reviews.
        let forecasts = try forecast.forecasts()
        #expect(forecasts.map(\.desiredRetention) == [0.8, 0.9])
        #expect(forecasts.allSatisfy { $0.days.count == 30 })
        #expect(forecasts[0].totalReviews < forecasts[1].totalReviews)
        #expect(forecasts.allSatisfy { abs($0.totalNewCards - 30) < 1e-6 })
        #expect(forecasts[1].wordsKnown > 60)
    }

    @Test func theNewCardLimitOfTheRequestWinsOverTheAssociates() {
        let forecast = CollectionForecast(
            studied: [], newCardCount: 100, parameters: .default, newCardsPerDay: 20,
            reviewsPerDay: nil, dayCounting: .elapsed24HourPeriods, now: .utc(2026, 1, 1),
            request: .init(retentions: [0.9], days: 10, newCardsPerDay: 5))
        #expect(forecast.settings.newCardsPerDay == 5)
        #expect(forecast.settings.minutesPerDay == nil)
        let summary = forecast.summary(associateName: "ana", hasFittedParameters: false)
        let oneLine = summary.replacingOccurrences(of: "\n", with: " ")
        #expect(oneLine.contains("over the next 10 days, from 0 cards studied and 100 new"))
        #expect(oneLine.contains("with 5 new a day;"))
        #expect(summary.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }
}
