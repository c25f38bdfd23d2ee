package io.fleetopt.notifier.report;

import io.fleetopt.core.model.RunIndex;
import io.fleetopt.core.testing.HeadlessChromium;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report page of a run over member accounts in headless Chromium: it renders cleanly, loads nothing, and every row
 * of its accounts table shows the figures of the report's document.
 */
class MemberReportInBrowserTest {

    private static final Path SCREENSHOT = Path.of("target/report-screenshots/member-run-report.png");

    @Test
    @SuppressWarnings("unchecked")
    void rendersWithoutErrorsOrOutsideRequestsShowingEachAccountAndRegionAsTheDocumentHasThem() throws Exception {
        MemberRunFixture fixture = MemberRunFixture.of(4, 3, true);
        WeeklyReport report = fixture.report();
        AccountSections sections = report.accounts();
        Path page = Files.createDirectories(Path.of("target/report-pages")).resolve("member-run-report.html");
        Files.writeString(page, HtmlReport.render(report));
        Files.createDirectories(SCREENSHOT.getParent());
        Files.deleteIfExists(SCREENSHOT);

        String json = HeadlessChromium.installed().run(Path.of("src/test/resources/browser/inspect-member-report.mjs"), 90,
                page.toAbsolutePath().toUri().toString(), SCREENSHOT.toAbsolutePath().toString());
        Map<String, Object> seen;
        try (ObjectMapper.CloseableObjectMapper mapper = ObjectMapper.create(Map.of(), "io.fleetopt")) {
            seen = mapper.readValue(json, Argument.mapOf(String.class, Object.class));
        }

        assertEquals(List.of(), seen.get("consoleErrors"));
        assertEquals(List.of(), seen.get("otherRequests"), "the page loads nothing from elsewhere");
        assertEquals(0, ((Number) seen.get("scripts")).intValue());
        List<Map<String, Object>> expected = new ArrayList<>();
        expected.add(row("totals", "all", "all", sections.totals(), ""));
        for (AccountSections.Account account : sections.accounts()) {
            expected.add(row("account", account.accountId(), "all", account.totals(), ""));
            for (AccountSections.Region region : account.regions()) {
                expected.add(row("region", account.accountId(), region.region(), region.figures(),
                        region.inIndex() ? region.planKey() : "not in the run's index"));
            }
        }
        assertEquals(expected, seen.get("accountRows"), "each row's figures as the report's document has them");
        assertEquals(fixture.index.targets().size(), ((List<Map<String, Object>>) seen.get("accountRows")).stream()
                .filter(r -> r.get("level").equals("region") && !r.get("cells").toString().contains("not in the run's index")).count());
        RunIndex.FailedTarget failed = fixture.index.failedTargets().getFirst();
        assertEquals(List.of(List.of(failed.accountId(), failed.region(), failed.error(), failed.cause())), seen.get("notCollected"));
        assertEquals(ReportFigures.memberRun(sections), seen.get("memberRun"));
        assertEquals(ReportFigures.modelledRunCost(sections), seen.get("runCost"));
        Map<String, String> fields = (Map<String, String>) seen.get("fields");
        assertEquals(ReportFigures.perMonth(report.headline().justAppliedMonthlyUsd()), fields.get("estimated-just-applied"));
        // the earlier member run's changes, measured through their member role, show their figure
        assertEquals(ReportFigures.realized(report.changeSets().stream().filter(s -> s.runId().equals(MemberRunFixture.EARLIER_MEMBER_RUN))
                .findFirst().orElseThrow()), fields.get("realized-" + MemberRunFixture.EARLIER_MEMBER_RUN));
        assertTrue(fields.get("realized-" + MemberRunFixture.EARLIER_MEMBER_RUN).startsWith("$"), fields.toString());
        assertTrue(((Number) seen.get("tableWidth")).doubleValue() > 300, "the table is drawn");
        assertTrue(Files.size(SCREENSHOT) > 10_000, "screenshot kept at " + SCREENSHOT.toAbsolutePath());
    }

    private static Map<String, Object> row(String level, String account, String region, AccountSections.Figures f, String plan) {
        return Map.of("level", level, "account", account, "region", region, "cells", List.of(account, region,
                String.format(Locale.ROOT, "%,d", f.functions()), String.format(Locale.ROOT, "%,d", f.changesPlanned()),
                String.format(Locale.ROOT, "%,d", f.items() - f.changesPlanned()), ReportFigures.perMonth(f.plannedMonthlyUsd()),
                ReportFigures.applied(f), ReportFigures.realized(f), plan));
    }
}
