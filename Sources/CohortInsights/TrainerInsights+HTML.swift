extension TrainerInsights {
    /// The sections as HTML `<section>` elements, to place in a page.
    ///
    /// All four unless `sections` names fewer. No scripts, no external resources, every text
    /// escaped; tables scroll sideways on a narrow screen. ``htmlStyle`` holds their CSS.
    public func htmlFragment(sections: [InsightSection] = InsightSection.allCases) -> String {
        var html = ""
        for section in InsightSection.allCases where sections.contains(section) {
            switch section {
            case .atRisk: html += atRiskHTML
            case .mistakes: html += mistakesHTML
            case .releases: html += releasesHTML
            case .workload: html += workloadHTML
            }
        }
        return html
    }

    /// The CSS the fragment's classes use (inline it in the page's `<style>`).
    public static let htmlStyle = """
        .insights{max-width:60rem;margin:0 auto;font-family:system-ui,sans-serif;color:#1b1b1b}
        .insights h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
        .insights p.note{color:#555;font-size:.85rem;margin:.25rem 0 .75rem}
        .insights .scroll{overflow-x:auto}
        .insights table{border-collapse:collapse;font-size:.9rem;min-width:100%}
        .insights th,.insights td{padding:.3rem .5rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
        .insights td.n{text-align:right;font-variant-numeric:tabular-nums}
        .insights ul{margin:0;padding-left:1.1rem}
        .insights .flag{color:#a40000;font-weight:600}
        .insights .ok{color:#2a6b2a}
        .insights svg{display:block}
        """

    /// A whole page holding the sections, for reading on its own.
    public func htmlPage(title: String, sections: [InsightSection] = InsightSection.allCases)
        -> String
    {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(InsightText.html(title))</title>
        <style>body{margin:0;padding:1rem}\(Self.htmlStyle)</style></head>
        <body><main class="insights"><h1>\(InsightText.html(title))</h1>
        <p class="note">Computed \(InsightText.timestamp(generatedAt)).</p>
        \(htmlFragment(sections: sections))</main></body></html>

        """
    }

    private func table(_ header: [String], _ rows: [String], numeric: Set<Int> = []) -> String {
        let head = header.enumerated().map { index, name in
            "<th\(numeric.contains(index) ? " class=\"n\"" : "")>\(name)</th>"
        }
        return "<div class=\"scroll\"><table><thead><tr>" + head.joined()
            + "</tr></thead><tbody>\n" + rows.joined(separator: "\n") + "\n</tbody></table></div>\n"
    }

    private var atRiskHTML: String {
        let t = thresholds
        var html = "<section id=\"at-risk\"><h2>At risk</h2>\n"
        html +=
            "<p class=\"note\">Not studied for \(t.idleDays) days or more; an overdue backlog "
            + "grown by \(t.backlogGrowthCards) cards or more in \(t.backlogWindowDays) days; true "
            + "retention over \(t.retentionWindowDays) days (at least \(t.retentionMinimumAnswers) "
            + "review answers) more than \(wholePercent(t.retentionMargin)) points under the "
            + "associate's target.</p>\n"
        if atRisk.isEmpty {
            html += "<p class=\"ok\">Nobody is at risk.</p>\n"
        } else {
            html += table(
                ["Associate", "Why"],
                atRisk.map { risk in
                    "<tr><td><bdi>\(InsightText.html(risk.displayName))</bdi><br>"
                        + "<small><bdi>\(InsightText.html(risk.name))</bdi></small></td><td><ul>"
                        + risk.reasons.map { "<li>\(InsightText.html($0.description))</li>" }
                        .joined() + "</ul></td></tr>"
                })
        }
        return html + "</section>\n"
    }

    private var mistakesHTML: String {
        var html = "<section id=\"mistakes\"><h2>Hardest words, by kind of mistake</h2>\n"
        html +=
            "<p class=\"note\">Tone slips and wrong syllables: typed pinyin as the answer "
            + "checker judged it. Forgotten: Again on a reading or writing card after its first "
            + "answer. Drill tones when tone slips outnumber the other mistakes together; "
            + "otherwise teach the word again.</p>\n"
        if hardestWords.isEmpty {
            return html + "<p class=\"ok\">No mistakes yet.</p>\n</section>\n"
        }
        html += table(
            [
                "Word", "Tone slips", "Wrong syllables", "Forgotten", "Answers", "Associates",
                "Advice",
            ],
            hardestWords.map { word in
                let label = word.label
                return "<tr><td><span lang=\"zh\">\(InsightText.html(label.hanzi))</span> "
                    + "\(InsightText.html(label.pinyin))<br><small>"
                    + "\(InsightText.html(label.english)) · \(InsightText.html(word.note.deck))"
                    + "</small></td><td class=\"n\">\(word.toneSlips)</td>"
                    + "<td class=\"n\">\(word.wrongSyllables)</td><td class=\"n\">\(word.forgotten)</td>"
                    + "<td class=\"n\">\(word.answers)</td><td class=\"n\">\(word.associates)</td>"
                    + "<td>\(word.advice)</td></tr>"
            }, numeric: [1, 2, 3, 4, 5])
        return html + "</section>\n"
    }

    private var releasesHTML: String {
        var html = "<section id=\"releases\"><h2>Deck releases</h2>\n"
        if deckReleases.isEmpty {
            return html + "<p class=\"note\">No deck releases are known.</p>\n</section>\n"
        }
        html += table(
            ["Associate", "Deck", "Release held", "Newest"],
            deckReleases.map { holding in
                "<tr><td><bdi>\(InsightText.html(holding.associate))</bdi></td>"
                    + "<td>\(InsightText.html(holding.deck))</td>"
                    + "<td\(holding.isCurrent ? "" : " class=\"flag\"")>"
                    + "\(InsightText.html(holding.release))</td>"
                    + "<td>\(InsightText.html(holding.latest ?? ""))</td></tr>"
            })
        return html + "</section>\n"
    }

    private var workloadHTML: String {
        var html =
            "<section id=\"workload\"><h2>Workload, next \(thresholds.forecastDays) days</h2>\n"
        html +=
            "<p class=\"note\">Expected reviews a day (FSRS's forecast from each card's memory, "
            + "new cards at the associate's pace). Will drown: a day over "
            + "\(InsightText.fixed(thresholds.drowningReviewsPerDay, places: 0)) reviews, or over "
            + "the associate's own daily limit.</p>\n"
        html += table(
            ["Associate", "Next days", "Peak", "Drowns?"],
            workload.map { outlook in
                "<tr><td><bdi>\(InsightText.html(outlook.displayName))</bdi></td>"
                    + "<td>\(sparkline(outlook))</td>"
                    + "<td class=\"n\">\(InsightText.fixed(outlook.peakReviews, places: 0)) on "
                    + "\(InsightText.date(dayNumber: outlook.firstDay + outlook.peakDay))</td>"
                    + (outlook.willDrown
                        ? "<td class=\"flag\">yes</td>" : "<td class=\"ok\">no</td>") + "</tr>"
            }, numeric: [2])
        return html + "</section>\n"
    }

    /// Daily reviews as small bars scaled to the busiest day, the limit as a red line when the
    /// busiest day reaches it (no script; each bar's title gives its numbers).
    private func sparkline(_ outlook: WorkloadOutlook) -> String {
        let width = 4
        let height = 24.0
        let top = max(outlook.peakReviews, 1)
        var svg =
            "<svg width=\"\(outlook.reviews.count * width)\" height=\"\(Int(height))\" "
            + "role=\"img\" aria-label=\"reviews a day\">"
        for (index, reviews) in outlook.reviews.enumerated() {
            let bar = max(reviews / top * height, reviews > 0 ? 1 : 0)
            let over = reviews > outlook.limit
            svg +=
                "<rect x=\"\(index * width)\" y=\"\(InsightText.fixed(height - bar, places: 1))\" "
                + "width=\"\(width - 1)\" height=\"\(InsightText.fixed(bar, places: 1))\" "
                + "fill=\"\(over ? "#a40000" : "#4a6fa5")\"><title>"
                + "\(InsightText.date(dayNumber: outlook.firstDay + index)): "
                + "\(InsightText.fixed(reviews, places: 0)) reviews</title></rect>"
        }
        if outlook.limit <= top {
            let y = InsightText.fixed(height - outlook.limit / top * height, places: 1)
            svg +=
                "<line x1=\"0\" x2=\"\(outlook.reviews.count * width)\" y1=\"\(y)\" y2=\"\(y)\" "
                + "stroke=\"#a40000\" stroke-width=\"1\"><title>limit: "
                + "\(InsightText.fixed(outlook.limit, places: 0)) reviews a day</title></line>"
        }
        return svg + "</svg>"
    }
}
