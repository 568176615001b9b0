/// The syllables of standard Mandarin, spelled in Hanyu Pinyin without tones.
///
/// Spellings are lower case and write ü as `ü`, except after j, q, x and y, where pinyin writes it
/// `u` (`ju`, `yue`). The list follows the standard initial × final chart, including the rare but
/// attested syllables (`dia`, `kei`, `nun`, `rua`, `shei`, `zhei`) and the interjections.
enum SyllableTable {
    /// Interjection syllables; they are rare inside words, so splitting avoids them there.
    static let interjections: Set<String> = ["ê", "m", "n", "ng", "hm", "hng"]

    /// Every base syllable, interjections included.
    static let syllables: Set<String> = {
        let rows = [
            "a o e ai ei ao ou an en ang eng er",
            "yi ya yo ye yao you yan yin yang ying yong",
            "wu wa wo wai wei wan wen wang weng yu yue yuan yun",
            "ba bo bai bei bao ban ben bang beng bi bie biao bian bin bing bu",
            "pa po pai pei pao pou pan pen pang peng pi pie piao pian pin ping pu",
            "ma mo me mai mei mao mou man men mang meng mi mie miao miu mian min ming mu",
            "fa fo fei fou fan fen fang feng fu",
            "da de dai dei dao dou dan den dang deng dong di dia die diao diu dian ding",
            "du duo dui duan dun",
            "ta te tai tei tao tou tan tang teng tong ti tie tiao tian ting tu tuo tui tuan tun",
            "na ne nai nei nao nou nan nen nang neng nong ni nie niao niu nian nin niang ning",
            "nu nuo nuan nun nü nüe",
            "la lo le lai lei lao lou lan lang leng long li lia lie liao liu lian lin liang ling",
            "lu luo luan lun lü lüe",
            "ga ge gai gei gao gou gan gen gang geng gong gu gua guo guai gui guan gun guang",
            "ka ke kai kei kao kou kan ken kang keng kong ku kua kuo kuai kui kuan kun kuang",
            "ha he hai hei hao hou han hen hang heng hong hu hua huo huai hui huan hun huang",
            "ji jia jie jiao jiu jian jin jiang jing jiong ju jue juan jun",
            "qi qia qie qiao qiu qian qin qiang qing qiong qu que quan qun",
            "xi xia xie xiao xiu xian xin xiang xing xiong xu xue xuan xun",
            "zha zhe zhi zhai zhei zhao zhou zhan zhen zhang zheng zhong",
            "zhu zhua zhuo zhuai zhui zhuan zhun zhuang",
            "cha che chi chai chao chou chan chen chang cheng chong",
            "chu chua chuo chuai chui chuan chun chuang",
            "sha she shi shai shei shao shou shan shen shang sheng",
            "shu shua shuo shuai shui shuan shun shuang",
            "re ri rao rou ran ren rang reng rong ru rua ruo rui ruan run",
            "za ze zi zai zei zao zou zan zen zang zeng zong zu zuo zui zuan zun",
            "ca ce ci cai cao cou can cen cang ceng cong cu cuo cui cuan cun",
            "sa se si sai sei sao sou san sen sang seng song su suo sui suan sun",
        ]
        let spellings = rows.flatMap { $0.split(separator: " ").map(String.init) }
        return Set(spellings).union(interjections)
    }()

    /// The longest spelling in the table, in letters (`zhuang`).
    static let longestSpelling = 6

    /// Every beginning of a syllable, erhua r included, written with ü everywhere (`jü`, `nü`)
    /// as well as the standard way.
    private static let beginnings: Set<String> = {
        var beginnings: Set<String> = []
        for syllable in syllables {
            for spelling in [syllable, syllable + "r"] + umlautSpellings(of: syllable) {
                var prefix = ""
                for letter in spelling {
                    prefix.append(letter)
                    beginnings.insert(prefix)
                }
            }
        }
        return beginnings
    }()

    /// Whether some syllable, possibly with an erhua r, begins with `letters`.
    static func startsSyllable(_ letters: String) -> Bool {
        beginnings.contains(letters)
    }

    /// The ü spellings after j, q, x and y that typists use (`jü`, `yüe`), with and without erhua.
    private static func umlautSpellings(of syllable: String) -> [String] {
        guard let first = syllable.first, "jqxy".contains(first), syllable.dropFirst().first == "u"
        else { return [] }
        let dotted = String(first) + "ü" + syllable.dropFirst(2)
        return [dotted, dotted + "r"]
    }

    /// Whether `letters` spell a syllable of the table.
    static func contains(_ letters: String) -> Bool {
        syllables.contains(letters)
    }

    /// Rewrites ü as u after j, q, x and y, where pinyin never writes the dots (`jü` → `ju`).
    static func standardSpelling(of letters: String) -> String {
        guard let first = letters.first, "jqxy".contains(first), letters.contains("ü") else {
            return letters
        }
        return String(letters.map { $0 == "ü" ? "u" : $0 })
    }
}
