import SpacedRepetition
import Testing

@Suite struct ParametersTests {
    @Test func defaultsAreTheFSRS6Medians() throws {
        #expect(Parameters.default.count == 21)
        #expect(Parameters.default[20] == 0.1542)
        #expect(try Parameters(Parameters.default.values) == .default)
    }

    @Test func everyOutOfBoundsWeightIsReportedAtOnce() {
        var values = Parameters.default.values
        values[0] = 0
        values[7] = 0.9
        values[20] = 0.05
        #expect {
            try Parameters(values)
        } throws: { error in
            guard let error = error as? ParameterError else { return false }
            return error.problems.count == 3
                && error.description.contains("w0 = 0.0 is outside 0.001...100.0")
                && error.description.contains("w7 = 0.9")
                && error.description.contains("w20 = 0.05")
        }
    }

    @Test(arguments: [0, 17, 19, 22])
    func wrongCountIsRefused(count: Int) {
        #expect(throws: ParameterError.self) {
            try Parameters(Array(repeating: 1, count: count))
        }
    }

    @Test(arguments: Array(0..<21))
    func boundsAreInclusive(index: Int) throws {
        for bound in [Parameters.lowerBounds[index], Parameters.upperBounds[index]] {
            var values = Parameters.default.values
            values[index] = bound
            #expect(try Parameters(values)[index] == bound)
        }
    }

    @Test func notANumberIsRefused() {
        var values = Parameters.default.values
        values[3] = .nan
        #expect(throws: ParameterError.self) { try Parameters(values) }
    }

    @Test func schedulerSettingsListEveryProblem() {
        #expect {
            try FSRSScheduler(
                desiredRetention: 1.2, learningSteps: [60, -1], relearningSteps: [0],
                maximumInterval: 0)
        } throws: { error in
            (error as? SchedulerSettingsError)?.problems.count == 4
        }
    }
}
