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

    /// How the letters of a beginning read as one whole syllable.
    struct Shape: Sendable {
        /// The standard spelling, without the erhua r.
        let spelling: String
        /// Whether the letters end in an erhua r.
        let isErhua: Bool
        /// Whether the syllable starts with a, o or e.
        let startsWithVowel: Bool
        /// Whether the syllable is an interjection such as `n` or `hm`.
        let isInterjection: Bool
        /// The positions, among the letters as written, that may carry a tone mark, as bits.
        let markablePositions: UInt16
        /// The position where the 1958 rule puts the mark, if any letter can carry one.
        let standardMarkPosition: Int?
    }

    /// Every beginning of a syllable, erhua r included, written with ü everywhere (`jü`, `nü`)
    /// as well as the standard way, as a tree of letters: a splitter extends a beginning letter
    /// by letter and stops where no syllable begins so, without building strings.
    struct BeginningTree: Sendable {
        /// The node of the empty beginning.
        static let root = 0

        /// The child of node `n` by letter code `c` at `n * 32 + c`; 0 where no syllable
        /// begins with those letters (the root is nobody's child).
        private var children: [UInt16] = Array(repeating: 0, count: 32)
        /// The shape of the syllable each node's letters spell, if they spell one.
        private(set) var shapes: [Shape?] = [nil]

        /// Adds every beginning of `spelling`, each new one shaped by `shape`.
        mutating func insert(_ spelling: String, shape: ([Unicode.Scalar]) -> Shape?) {
            var node = Self.root
            var letters: [Unicode.Scalar] = []
            for letter in spelling.unicodeScalars {
                letters.append(letter)
                guard let code = Self.code(of: letter) else { return }
                if children[node * 32 + code] == 0 {
                    children[node * 32 + code] = UInt16(shapes.count)
                    shapes.append(shape(letters))
                    children += repeatElement(0, count: 32)
                }
                node = Int(children[node * 32 + code])
            }
        }

        /// The node of the beginning `node` followed by `letter`, or `nil` if no syllable
        /// begins so.
        func node(after node: Int, _ letter: Unicode.Scalar) -> Int? {
            guard let code = Self.code(of: letter) else { return nil }
            let child = children[node * 32 + code]
            return child == 0 ? nil : Int(child)
        }

        /// 1 to 26 for a to z, 27 for ü and 28 for ê; `nil` for other scalars.
        private static func code(of letter: Unicode.Scalar) -> Int? {
            switch letter {
            case "a"..."z": Int(letter.value - 0x60)
            case "ü": 27
            case "ê": 28
            default: nil
            }
        }
    }

    /// The tree of every beginning of a syllable.
    static let beginningTree: BeginningTree = {
        var tree = BeginningTree()
        for syllable in syllables {
            for spelling in [syllable, syllable + "r"] + umlautSpellings(of: syllable) {
                tree.insert(spelling, shape: shape(of:))
            }
        }
        return tree
    }()

    /// How `letters` read as one syllable, possibly with an erhua r; `nil` if they do not.
    ///
    /// The letters are those of pinyin (a to z, ü, ê), each one scalar, so they are handled as
    /// scalars: the table is built at the first parse, and characters would cost more.
    private static func shape(of letters: [Unicode.Scalar]) -> Shape? {
        var spelling = standardLetters(letters)
        var spellingText = text(spelling)
        var isErhua = false
        if !syllables.contains(spellingText) {
            guard spelling.count > 1, spelling.last == "r" else { return nil }
            spelling = standardLetters(Array(spelling.dropLast()))
            spellingText = text(spelling)
            guard syllables.contains(spellingText) else { return nil }
            isErhua = true
        }
        let hasVowel = spelling.contains(where: ToneMarkPlacement.isVowel)
        var markablePositions: UInt16 = 0
        for (index, letter) in spelling.enumerated()
        where ToneMarkPlacement.isVowel(letter) || !hasVowel {
            markablePositions |= 1 << index
        }
        let syllable = PinyinSyllable(
            checkedLetters: spellingText, tone: .neutral, isErhua: isErhua, isCapitalized: false)
        return Shape(
            spelling: spellingText, isErhua: isErhua, startsWithVowel: syllable.startsWithVowel,
            isInterjection: interjections.contains(syllable.letters),
            markablePositions: markablePositions,
            standardMarkPosition: ToneMarkPlacement.markedIndex(in: spelling))
    }

    /// ``standardSpelling(of:)`` for letters of pinyin.
    private static func standardLetters(_ letters: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard let first = letters.first, "jqxy".unicodeScalars.contains(first),
            letters.contains("ü")
        else { return letters }
        return letters.map { $0 == "ü" ? "u" : $0 }
    }

    /// The letters as a string.
    private static func text(_ letters: [Unicode.Scalar]) -> String {
        // Encoded by hand: appending scalars to a string one by one is slow, and the table
        // builds thousands of these.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2 * letters.count)
        for letter in letters {
            UTF8.encode(letter) { bytes.append($0) }
        }
        return String(decoding: bytes, as: UTF8.self)
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
