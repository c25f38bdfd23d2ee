package io.fleetopt.notifier.report;

import io.fleetopt.core.model.ChangeSetSavings;
import io.fleetopt.core.model.WeekSavings;
import io.fleetopt.core.testing.HeadlessChromium;
import io.fleetopt.notifier.AppliedEstimate;
import io.fleetopt.notifier.Money;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report page in Debian's headless Chromium: it renders cleanly, shows the SavingsReport's numbers, one chart point a week. */
class HtmlReportInBrowserTest {

    /** The screenshot is kept as the test's artefact. */
    private static final Path SCREENSHOT = Path.of("target/report-screenshots/weekly-report.png");

    @Test
    @SuppressWarnings("unchecked")
    void rendersWithoutErrorsOrOutsideRequestsShowingTheSavingsReportsNumbersAndOnePointPerWeek() throws Exception {
        ReportFixture fixture = ReportFixture.fourWeeksOfHistory();
        WeeklyReport report = fixture.report();
        Path page = Files.createDirectories(Path.of("target/report-pages")).resolve("weekly-report.html");
        Files.writeString(page, HtmlReport.render(report));
        Files.createDirectories(SCREENSHOT.getParent());
        Files.deleteIfExists(SCREENSHOT);

        String json = HeadlessChromium.installed().run(Path.of("src/test/resources/browser/inspect-report.mjs"), 90,
                page.toAbsolutePath().toUri().toString(), SCREENSHOT.toAbsolutePath().toString());
        Map<String, Object> seen;
        try (ObjectMapper.CloseableObjectMapper mapper = ObjectMapper.create(Map.of(), "io.fleetopt")) {
            seen = mapper.readValue(json, Argument.mapOf(String.class, Object.class));
        }

        assertEquals(List.of(), seen.get("consoleErrors"));
        assertEquals(List.of(), seen.get("otherRequests"), "the page loads nothing from elsewhere");
        assertEquals(0, ((Number) seen.get("scripts")).intValue());
        Map<String, String> fields = (Map<String, String>) seen.get("fields");
        assertEquals(Money.usd(fixture.savings.realizedMonthlyUsd()) + "/month", fields.get("realized-this-week"));
        assertEquals(Money.usd(AppliedEstimate.monthlyUsd(fixture.plan, fixture.result)) + "/month", fields.get("estimated-just-applied"));
        BigDecimal cumulative = fixture.savings.weeks().stream().map(WeekSavings::realizedMonthlyUsd).filter(Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(Money.usd(cumulative) + "/month", fields.get("cumulative-realized"));
        for (ChangeSetSavings set : fixture.savings.changeSets()) {
            assertEquals(Money.usd(set.realizedMonthlyUsd()) + "/month", fields.get("realized-" + set.runId()), set.runId());
        }

        List<Map<String, String>> estimated = (List<Map<String, String>>) seen.get("estimated");
        List<Map<String, String>> realized = (List<Map<String, String>>) seen.get("realized");
        List<String> weeks = List.of("2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30");
        assertEquals(weeks, estimated.stream().map(p -> p.get("week")).toList(), "one estimated point a week, this run's included");
        assertEquals(weeks.subList(0, 4), realized.stream().map(p -> p.get("week")).toList(), "a realized point for each week measured");
        for (int i = 0; i < 4; i++) {
            assertEquals(0, fixture.savings.weeks().get(i).realizedMonthlyUsd().compareTo(new BigDecimal(realized.get(i).get("usd"))));
        }
        List<Map<String, String>> rows = (List<Map<String, String>>) seen.get("functionRows");
        List<Map<String, String>> expectedRows = fixture.savings.changeSets().stream().flatMap(set -> set.functions().stream()
                .map(f -> Map.of("run", set.runId(), "function", f.functionName(), "status", f.status().label(),
                        "realized", ReportFigures.perMonth(f.realizedMonthlyUsd())))).toList();
        assertEquals(expectedRows, rows, "each change's status and realized saving as the SavingsReport has them");
        assertTrue(rows.stream().map(r -> r.get("status")).toList().containsAll(List.of("measured", "rolled back", "drifted away",
                "not in traffic")), rows.toString());
        assertTrue(((Number) seen.get("chartWidth")).doubleValue() > 300, "the chart is drawn");
        assertTrue(Files.size(SCREENSHOT) > 10_000, "screenshot kept at " + SCREENSHOT.toAbsolutePath());
    }
}
