import Foundation
import Testing

@testable import LianxiKit

@Suite struct DeckTextTests {
    @Test(arguments: [
        ("to pay&nbsp;<br>to settle", "to pay to settle"),
        ("<div>银行</div><div>bank</div>", "银行 bank"),
        ("a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;", "a & b <c> \"d\" 'e'"),
        ("&#20013;&#x6587;&#X4E2D;", "中文中"),
        ("<b>bold</b> <i>it</i><span style=\"color: red\">x</span>", "bold itx"),
        ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
        ("refund[sound:tuikuan.mp3]", "refund"),
        ("<img src=\"a.jpg\">photo", "photo"),
        ("&unknown; & done", "&unknown; & done"),
        ("<p>one</p>\n<p>two</p>", "one two"),
        ("<!-- note -->text", "text"),
    ])
    func htmlBecomesPlainText(html: String, text: String) {
        #expect(HTMLText.plainText(html) == text)
    }

    @Test(arguments: [
        ("zhi1fu4", "zhīfù"), ("fa1 piao4", "fā piào"), ("fang1an4", "fāng'àn"),
        ("lv4shi1", "lǜshī"), ("nu:3", "nǚ"), ("Wo3 qu4 yin2hang2.", "Wǒ qù yínháng."),
        ("Xī ān", "Xī ān"), ("zhīfù", "zhīfù"),
        ("Nǐ hǎo, zhè shì shénme?", "Nǐ hǎo, zhè shì shénme?"),
        ("ma5", "ma"),
    ])
    func pinyinWithNumbersIsConvertedAndMarkedPinyinKept(text: String, marked: String) throws {
        #expect(try PinyinCell.toneMarked(text) == marked)
    }

    @Test(arguments: [
        ("decks/payments.tsv", "payments", "payments.tsv", "tsv"),
        ("My Words (HSK 3).CSV", "my-words-hsk-3", "My Words (HSK 3).CSV", "csv"),
        ("/tmp/词汇表.txt", "词汇表", "词汇表.txt", "txt"),
        ("--.csv", "deck", "--.csv", "csv"),
        (".hidden", "hidden", ".hidden", ""),
        ("deck", "deck", "deck", ""),
    ])
    func fileNameGivesSlugSourceAndExtension(
        path: String, slug: String, source: String, fileExtension: String
    ) {
        let name = DeckFileName(path: path)
        #expect(name.slug == slug)
        #expect(name.source == source)
        #expect(name.fileExtension == fileExtension)
    }

    @Test(arguments: [
        ("HSK 3", "3"), ("hsk3", "3"), ("3", "3"), ("7-9", "7-9"), ("8", "7-9"),
        ("HSK 3.0 level 4", "4"), ("Level 2", "2"), ("HSK 7–9", "7-9"),
    ])
    func hskLevelsAsOtherFilesWriteThem(text: String, level: String) {
        #expect(HSKCell.lenient(text)?.rawValue == level)
    }

    @Test(arguments: ["10", "0", "three", "HSK", "1-6"])
    func notHSKLevels(text: String) {
        #expect(HSKCell.lenient(text) == nil)
    }

    @Test(arguments: [
        ("n.", "noun"), ("V", "verb"), ("adj", "adjective"), ("measure word", "measure"),
        ("名词", "noun"), ("idiom", "idiom"), ("Conjunction", "conjunction"),
    ])
    func partsOfSpeechAsOtherFilesWriteThem(text: String, value: String) {
        #expect(PartOfSpeech.normalized(text) == value)
    }
}
