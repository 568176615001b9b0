import CohortReporting
import Storage
import Testing

/// The pure report module knows no deck; what it writes out must agree with `Storage`.
struct CohortReportingTests {
    @Test func theReportsHSKGroupsAreStoragesLevelsThenNone() {
        #expect(Coverage.levelOrder == HSKLevel.allCases.map(\.rawValue) + ["none"])
    }
}
