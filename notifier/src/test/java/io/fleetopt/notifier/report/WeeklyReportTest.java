package io.fleetopt.notifier.report;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.Confidence;
import io.fleetopt.core.model.SavingsStatus;
import io.fleetopt.core.model.WeekSavings;
import io.fleetopt.notifier.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The weekly report's figures, from the run's documents, and how the formats show them. */
class WeeklyReportTest {

    private final ReportFixture fixture = ReportFixture.fourWeeksOfHistory();
    private final WeeklyReport report = fixture.report();

    @Test
    void headlineFiguresComeFromTheSavingsReportAndWhatThisRunApplied() {
        assertEquals(fixture.savings.realizedMonthlyUsd(), report.headline().realizedMonthlyUsd());
        assertEquals(2, report.headline().changeSetsChecked());
        assertEquals(new BigDecimal("25.50"), report.headline().justAppliedMonthlyUsd(), "only the APPLIED item counts");
        assertEquals(1, report.headline().justAppliedChanges());
        // the latest realized figure of every measured change set: 1,150.40 + 48.10 + this week's two
        BigDecimal thisWeek = fixture.savings.realizedMonthlyUsd();
        assertEquals(new BigDecimal("1198.50").add(thisWeek), report.headline().cumulativeRealizedMonthlyUsd());
        assertEquals(4, report.headline().changeSetsMeasured());
        assertEquals(new BigDecimal("0.03"), report.headline().ownCostUsd(), "three Cost Explorer requests at $0.01");
    }

    @Test
    void aRolledBackChangeIsShownWithZeroRealizedSavingNotHiddenInATotal() {
        var pdf = report.changeSets().stream().flatMap(c -> c.functions().stream()).filter(f -> f.functionName().equals("pdf-renderer"))
                .findFirst().orElseThrow();
        assertEquals(SavingsStatus.ROLLED_BACK, pdf.status());
        assertEquals(new BigDecimal("0.00"), pdf.realizedMonthlyUsd());
        assertEquals(new BigDecimal("12.00"), pdf.estimatedMonthlyUsd());
        assertTrue(MarkdownReport.render(report).contains("| pdf-renderer | memory: 3008 MB -> 1769 MB | rolled back |"));
        assertTrue(HtmlReport.render(report).contains("rolled back on 2026-11-25 by guard alarm"));
    }

    @Test
    void aDriftedChangeAndOneThatNeverReachedTrafficAreShownAsSuchWithZeroRealizedSaving() {
        var functions = report.changeSets().stream().flatMap(c -> c.functions().stream()).toList();
        var search = functions.stream().filter(f -> f.functionName().equals("search-api")).findFirst().orElseThrow();
        var cart = functions.stream().filter(f -> f.functionName().equals("cart-checkout")).findFirst().orElseThrow();
        assertEquals(SavingsStatus.DRIFTED, search.status());
        assertEquals(SavingsStatus.NOT_IN_TRAFFIC, cart.status());
        assertEquals(new BigDecimal("0.00"), search.realizedMonthlyUsd());
        assertEquals(new BigDecimal("0.00"), cart.realizedMonthlyUsd());
        var set = report.changeSets().stream().filter(c -> c.runId().equals("2026-11-23-bbbb")).findFirst().orElseThrow();
        assertEquals(set.functions().stream().filter(f -> f.status() == SavingsStatus.MEASURED).map(f -> f.realizedMonthlyUsd())
                .reduce(BigDecimal.ZERO, BigDecimal::add), set.realizedMonthlyUsd(), "only the measured change counts in the total");
        String md = MarkdownReport.render(report);
        assertTrue(md.contains("| search-api | memory: 2048 MB -> 1024 MB | drifted away |"), md);
        assertTrue(md.contains("| cart-checkout | memory: 1024 MB -> 512 MB | not in traffic |"), md);
        assertTrue(HtmlReport.render(report).contains("memory is now 1536 MB, not the 1024 MB fleetopt set"));
        assertTrue(HtmlReport.render(report).contains("alias live to version 7, published 2026-11-18 with 1024 MB"));
    }

    @Test
    void twoRunsInOneWeekAreOnePointOfTheChart() {
        List<WeeklyReport.WeekPoint> points = WeeklyReportBuilder.byWeek(List.of(
                new WeekSavings("a", LocalDate.of(2026, 11, 2), 3, new BigDecimal("10.00"), new BigDecimal("8.00"), Confidence.HIGH),
                new WeekSavings("b", LocalDate.of(2026, 11, 5), 1, new BigDecimal("5.00"), null, null),
                new WeekSavings("c", LocalDate.of(2026, 11, 9), 2, new BigDecimal("7.00"), null, null)));
        assertEquals(List.of(
                new WeeklyReport.WeekPoint(LocalDate.of(2026, 11, 2), 4, new BigDecimal("15.00"), new BigDecimal("8.00")),
                new WeeklyReport.WeekPoint(LocalDate.of(2026, 11, 9), 2, new BigDecimal("7.00"), null)), points);
    }

    @Test
    void pendingListsWhatWasNotApprovedAndTheFindingsForOwners() {
        assertEquals(1, report.pending().notApproved());
        assertEquals(1, report.pending().findings());
        assertEquals(new BigDecimal("14.20"), report.pending().findingsMonthlyUsd());
        assertEquals(List.of("image-resizer", "cart-service"), report.pending().items().stream().map(WeeklyReport.PendingItem::functionName).toList());
    }

    @Test
    void thePageIsSelfContainedAndEscapesWhatItShows() {
        String html = HtmlReport.render(report);
        assertTrue(html.contains("thumbnails &lt;img&gt;"), "a function name is text, not markup");
        assertFalse(html.contains("<img"));
        assertFalse(html.contains("<script"));
        assertFalse(html.matches("(?s).*(src|href)=.*"), "nothing loaded or linked from elsewhere");
        assertTrue(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
        assertTrue(html.contains("data-field=\"realized-this-week\">" + Money.usd(fixture.savings.realizedMonthlyUsd()) + "/month<"));
    }

    @Test
    void markdownCarriesTheSameHeadlineAndOneRowAWeek() {
        String md = MarkdownReport.render(report);
        assertTrue(md.contains("| Realized this week | **" + Money.usd(fixture.savings.realizedMonthlyUsd()) + "/month** "), md);
        assertTrue(md.contains("| Estimated for what was just applied | **$25.50/month** (1 change) |"), md);
        assertEquals(5, md.lines().filter(l -> l.matches("\\| 2026-11-\\d\\d \\| .*")).count(), md);
        assertTrue(md.contains("| 2026-11-30 | 1 | $25.50/month | not measured yet |"), md);
        assertTrue(md.contains("| thumbnails <img> |"), "Markdown keeps the name as written");
    }

    @Test
    void theJsonIsAWeeklyReportDocumentThatReadsBackTheSame() {
        try (DocumentCodec codec = new DocumentCodec()) {
            WeeklyReport read = codec.read(codec.write(report), WeeklyReport.class, "report.json");
            assertEquals(report, read);
            assertNull(read.weeks().getLast().realizedMonthlyUsd());
        }
    }

    @Test
    void aLongHistoryKeepsOnePointAWeekAndAtMostEightDateLabels() {
        List<WeeklyReport.WeekPoint> weeks = java.util.stream.IntStream.range(0, 30).mapToObj(i -> new WeeklyReport.WeekPoint(
                LocalDate.of(2026, 1, 5).plusWeeks(i), 1, BigDecimal.valueOf(10 + i), i < 29 ? BigDecimal.valueOf(9 + i) : null)).toList();
        String svg = SavingsChart.svg(weeks);
        assertEquals(30, svg.split("class=\"point estimated\"", -1).length - 1);
        assertEquals(29, svg.split("class=\"point realized\"", -1).length - 1);
        long labels = svg.lines().filter(l -> l.matches("<text class=\"axis\" x=\"[\\d.]+\" y=\"228\".*")).count();
        assertTrue(labels <= 8 && labels >= 7, labels + " labels");
    }

    @Test
    void anEmptyHistorySaysSoInsteadOfDrawingNothing() {
        assertTrue(SavingsChart.svg(List.of()).contains(">no changes applied yet</text>"));
    }
}
