import Foundation
import Storage
import Testing

@testable import LianxiKit

/// Imports that lack pinyin or English, filled from the shipped CC-CEDICT.
@Suite struct DictionaryFillTests {
    /// Reads `text` as the file `name` with a fresh filler; the deck and the filler's report.
    private func read(_ text: String, as name: String, format: DeckFormat? = nil)
        throws(DeckProblems)
        -> (deck: DeckContent, report: DictionaryFill.FileReport)
    {
        let fill = DictionaryFill()
        let deck = try DeckReader.read(
            Data(text.utf8), file: name, options: DeckReadOptions(format: format, dictionary: fill))
        return (deck, fill.report(for: name))
    }

    /// The problems reading `text` gives, as `line: message`.
    private func problems(_ text: String, as name: String) -> [DeckProblem] {
        do {
            _ = try read(text, as: name)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func aPlecoExportWithoutDefinitionsImportsWithEveryNoteComplete() throws {
        let text = "银行[銀行]\tyin2hang2\n会计[會計]\tkuai4ji4\n还款[還款]\thuan2kuan3\n行\txing2\n"
        let (deck, report) = try read(text, as: "pleco.txt")
        #expect(report.filled == 4)
        #expect(deck.notes.map(\.pinyin) == ["yínháng", "kuàijì", "huánkuǎn", "xíng"])
        #expect(deck.notes[0].english == "bank")
        #expect(deck.notes[0].traditional == "銀行")
        #expect(deck.notes[0].measureWord == "家 jiā; 个 gè")
        // The card's pinyin chose 行 xíng (to walk), not háng (a row; a firm).
        #expect(deck.notes[3].english.hasPrefix("to walk"))
        #expect(deck.notes.allSatisfy { $0.tags.contains(DictionaryFill.tag) })
    }

    @Test func aWordListWithTheSyllabusAnnotationsImportsWithEveryNoteComplete() throws {
        let text = """
            1\t银行
            2\t长chang
            3\t得（de）
            4\t等<动>
            5\t八/捌
            6\t你（你们）
            7\t不 好意思
            8\t还<动>
            9\t只（三声）

            """
        let (deck, report) = try read(text, as: "bct.txt")
        let words = deck.notes.map { "\($0.hanzi) \($0.pinyin)" }
        #expect(
            words == [
                "银行 yínháng", "长 cháng", "得 de", "等 děng", "八 bā", "捌 bā", "你 nǐ", "你们 nǐmen",
                "不好意思 bùhǎoyìsi", "还 huán", "只 zhǐ",
            ])
        #expect(report.filled == words.count)
        #expect(deck.notes.allSatisfy { !$0.english.isEmpty && !$0.traditional.isEmpty })
        #expect(deck.notes[3].partOfSpeech == "verb")
        #expect(deck.notes[9].english.contains("to pay back"))
    }

    @Test func undecidedWordsRefuseTheWholeImportEachWithItsLine() {
        let text = "1\t银行\n2\t长\n3\t魑魅魍魉鬼\n4\t不但……而且\n"
        let found = problems(text, as: "words.txt")
        #expect(found.map(\.line) == [2, 3, 4])
        #expect(found[0].description.hasPrefix("words.txt:2: 长 has several readings"))
        #expect(found[0].message.contains("cháng “length; long” or zhǎng “chief; head”"))
        #expect(found[1].message == "魑魅魍魉鬼 is not in CC-CEDICT; write its pinyin and English.")
        #expect(found[2].message.contains("set phrase"))
    }

    @Test func theShippedDecksSuggestAReadingButDoNotChooseIt() {
        // 的 is de, dī, dí and dì in CC-CEDICT; the decks teach de, which may not be meant.
        let found = problems("的\n", as: "de.txt")
        #expect(found.count == 1)
        #expect(found.first?.message.hasSuffix("The shipped decks teach de.") == true)
    }

    @Test func aSpreadsheetColumnOfHanziNeedsNoOtherColumn() throws {
        let (deck, report) = try read("hanzi\n银行\n会计\n", as: "words.csv")
        #expect(deck.notes.map(\.pinyin) == ["yínháng", "kuàijì"])
        #expect(report.filled == 2)
    }

    @Test func notesThatAreCompleteAreLeftAloneAndUntagged() throws {
        let (deck, report) = try read(
            "hanzi,pinyin,english\n银行,yínháng,a bank\n会计,,\n", as: "words.csv")
        #expect(deck.notes[0].english == "a bank")
        #expect(deck.notes[0].tags.isEmpty)
        #expect(deck.notes[1].english.hasPrefix("accountant"))
        #expect(report.filled == 1)
    }

    /// Complete notes are checked as they are read while no note before them waits for the
    /// dictionary; mixed with notes that wait, the deck still keeps the file's order.
    @Test(arguments: [
        ["银行\tyin2hang2\ta bank", "会计\tkuai4ji4\tan accountant"],
        ["银行\tyin2hang2\ta bank", "会计\tkuai4ji4", "还款\thuan2kuan3\tto repay"],
        ["会计\tkuai4ji4", "银行\tyin2hang2\ta bank", "还款\thuan2kuan3"],
        ["会计\tkuai4ji4", "还款\thuan2kuan3", "银行\tyin2hang2\ta bank"],
    ])
    func completeAndFilledNotesKeepTheFileOrder(lines: [String]) throws {
        let (deck, report) = try read(lines.joined(separator: "\n") + "\n", as: "pleco.txt")
        #expect(deck.notes.map(\.hanzi) == lines.map { String($0.prefix { $0 != "\t" }) })
        let filled = lines.filter { $0.split(separator: "\t").count == 2 }.count
        #expect(report.filled == filled)
        #expect(deck.notes.filter { $0.tags == [DictionaryFill.tag] }.count == filled)
    }

    @Test func aCompleteNoteAfterAFilledOneIsTheSecondOfTheTwo() {
        let found = problems("银行\tyin2hang2\n银行\tyin2hang2\ta bank\n", as: "pleco.txt")
        #expect(found.map(\.line) == [2])
        #expect(found.first?.message.hasPrefix("银行 yin2hang2 is already on line 1") == true)
    }

    @Test func aPinyinTheDictionaryDoesNotHaveIsReported() {
        let found = problems("银行[銀行]\tyin2xing2\n", as: "pleco.txt")
        #expect(
            found.map(\.message) == [
                "CC-CEDICT has 银行 only as yínháng, not with the pinyin “yin2xing2”; check it."
            ])
    }

    @Test func withoutADictionaryTheOldRefusalsStay() {
        do {
            _ = try DeckReader.read(Data("银行[銀行]\tyin2hang2\n".utf8), file: "p.txt")
            Issue.record("imported without English")
        } catch {
            #expect(error.problems.map(\.message) == ["The English is missing."])
        }
    }
}
