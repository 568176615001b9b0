/// Which characters belong to one script only, to tell which side of a Pleco headword is
/// simplified.
///
/// The lists hold the characters that differ between the simplified and traditional cells of
/// our shipped decks: the commonest pairs of business Chinese. A character of one list never
/// stands where the other script differs from it.
enum ChineseScript {
    /// Traditional characters whose simplified form is another character: 們, 這, 買.
    static let traditionalOnly: Set<Character> = Set(
        """
        來係倉們備傳傾價儀儘償優儲兌兒內兩冊凍剛創劃動務勢匯區協參員問啟單國圖團報場壓壞
        學實審寫寬對導師帶幣幫幾庫廁廠廣彈後復態慮憑應戰戶掃採揀換損搶擊擔據擴攝數時曆書
        會條業榮樓標樣機檢檻櫃權歐歡歷殺氣決沒減測湊準溝滿漲潛潤濟濾瀏為無煩熱燈營爭牆獎
        獨現產畫當疊發監盤眾確碼禮稅種稱積穩競節篩簡簽籌糾紀約紅紙級紛終結絕絡給統絲經維
        網線編練縣總績繫續義習聯職聽脹腦腳膠臺興艙艦萬蓋薦處號虧術補裝製複見規視親覽觀訂
        計討訓記訪許訴註評詞詢試話詳誌認誠誤說誰談請論諾講謝證識議護譽讓負財貨責買貸費貼
        貿資賞賠賣質賬賺購贈贊贏趨蹤車軟載輕輪輯輸轉辦農這連週進運過達違遞遠遲遷選還郵銀
        銷鋪錄錢錯鍵鏈鏡鐘長門開間闆關陸隊際隱雙離雲電響頁項預領頭頻題額顏類顧飯飽餘饋騎
        驗驚驛體麥麼點齡
        """.filter { !$0.isNewline })

    /// Simplified characters whose traditional form is another character: 们, 这, 买.
    static let simplifiedOnly: Set<Character> = Set(
        """
        万业丝两为么义习书买争亏云产亲仓仪们价众优会传体余倾偿储儿兑关兴内册写农决冻减凑
        几凭击刚创办务动势区协单卖厂历压厕县参双发叠号后听启员周响团国图场坏墙处备复头奖
        学实审宽对导尽币师带帮广库应开弹当录志态总惊战户扩扫抢护报担拣损换据摄数无时术机
        杀权条来柜标样检楼槛欢欧气汇沟没测济浏润涨满滤潜灯点烦热独现电画监盖盘着码确礼离
        种积称税稳竞筛筹签简类纠红约级纪纷纸线练终经结给络绝统绩续维编网职联胀胶脑脚舰舱
        节苏荐荣营虑补装见观规视览誉计订认讨让训议记讲许论访证评识诉词试诚话询详误说请诺
        谁谈谢负财责账货质购贴贷贸费资赏赔赚赞赠赢趋踪车转轮软轻载辑输达迁过运还这进远违
        连迟选递邮采钟钱银铺链销错键镜长门问间队际陆隐页项顾预领频题颜额饭饱馈驿验骑麦龄
        """.filter { !$0.isNewline })
}
