import ChineseText
import Foundation
import Testing

/// Every syllable of standard Mandarin, in all five tones and every spelling, against a table the
/// test builds itself (see `StandardSyllables`).
@Suite("Syllable inventory")
struct SyllableInventoryTests {
    @Test func chartHasTheStandardSize() {
        // About 410 base syllables; the chart above includes a few rare ones (dia, kei, nun, rua, tei).
        #expect(Set(StandardSyllables.all).count == StandardSyllables.all.count)
        #expect((405...425).contains(StandardSyllables.all.count))
    }

    @Test(arguments: StandardSyllables.all)
    func everyToneRoundTripsThroughMarks(spelling: String) throws {
        for tone in Tone.allCases {
            let numbered = spelling + String(tone.number)
            let syllable = try PinyinSyllable(parsing: numbered)
            #expect(syllable.letters == spelling)
            #expect(syllable.tone == tone)
            let marked = syllable.toneMarked
            #expect(marked.precomposedStringWithCanonicalMapping == marked, "\(numbered) not NFC")
            #expect(marked == StandardSyllables.marked(spelling, tone: tone.number))
            #expect(try PinyinSyllable(parsing: marked).toneNumbered == numbered)
        }
    }

    @Test(arguments: StandardSyllables.all)
    func everySpellingParses(spelling: String) throws {
        for tone in Tone.allCases {
            let decomposed = StandardSyllables.marked(spelling, tone: tone.number)
                .decomposedStringWithCanonicalMapping
            var spellings = [
                decomposed,
                decomposed.precomposedStringWithCanonicalMapping,
                decomposed.uppercased(),
                spelling + String(tone.number),
                spelling.uppercased() + String(tone.number),
            ]
            if tone == .neutral {
                spellings += [spelling, spelling + "0"]
            }
            if spelling.contains("ü") {
                for ascii in ["v", "u:"] {
                    let typed = spelling.replacingOccurrences(of: "ü", with: ascii)
                    spellings.append(typed + String(tone.number))
                }
            }
            for written in spellings {
                let syllable = try PinyinSyllable(parsing: written)
                #expect(syllable.letters == spelling, "\(written)")
                #expect(syllable.tone == tone, "\(written)")
                #expect(syllable.isCapitalized == (written.first?.isUppercase ?? false))
            }
        }
    }

    @Test(arguments: StandardSyllables.all)
    func everySyllableTakesErhua(spelling: String) throws {
        // e with erhua is spelled, and said, exactly like er.
        let merged = spelling == "e" ? "er" : spelling
        for written in [spelling + "r4", spelling + "4r", spelling + "4 r5"] {
            let syllable = try PinyinSyllable(parsing: written)
            #expect(syllable.letters == merged)
            #expect(syllable.isErhua == (spelling != "e"))
            #expect(syllable.tone == .fourth)
        }
    }

    @Test func unknownLettersAreNotSyllables() {
        for letters in ["lue", "nue", "jü", "bia", "fiao", "yai", "shong", "x", "v"] {
            #expect(PinyinSyllable(letters: letters, tone: .first) == nil || letters == "jü")
        }
        #expect(PinyinSyllable(letters: "jü", tone: .first)?.letters == "ju")
        #expect(PinyinSyllable(letters: "nü", tone: .third)?.toneMarked == "nǚ")
    }
}
