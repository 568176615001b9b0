import Storage
import Testing

/// The beginner's path read off deck slugs.
@Suite struct DeckPathTests {
    @Test(arguments: [
        ("starter", DeckPath.Stage.starter),
        ("core1", .core(level: 1)),
        ("core1-1-people", .core(level: 1)),
        ("core2-7-linking-and-describing", .core(level: 2)),
        ("core3-1-work", .core(level: 3)),
        ("core10-words", .themes),
        ("core", .themes),
        ("core0-x", .themes),
        ("corex-1", .themes),
        ("core3x", .themes),
        ("starters", .themes),
        ("bct-1-office", .themes),
        ("payments", .themes),
    ])
    func theStageComesFromTheSlug(slug: String, stage: DeckPath.Stage) {
        #expect(DeckPath(slug: slug).stage == stage)
    }

    @Test func decksSortStarterThenCoreByLevelThenThemesEachByName() {
        let shuffled = [
            "payments", "core2-1-people", "bct-1-office", "core1-2-numbers", "starter",
            "core3-1-work", "core1-1-people", "cloud-data",
        ]
        #expect(
            shuffled.sorted { DeckPath(slug: $0) < DeckPath(slug: $1) } == [
                "starter", "core1-1-people", "core1-2-numbers", "core2-1-people", "core3-1-work",
                "bct-1-office", "cloud-data", "payments",
            ])
    }
}
