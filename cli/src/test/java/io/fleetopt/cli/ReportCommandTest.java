package io.fleetopt.cli;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.notifier.Money;
import io.fleetopt.notifier.report.WeeklyReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fleetopt report on the demo account, after three weekly runs. */
class ReportCommandTest {

    private static final DocumentCodec CODEC = new DocumentCodec();

    @TempDir
    static Path stateDir;

    static final List<String> runIds = new ArrayList<>();

    record Result(int exitCode, String out, String err) {
    }

    private static Result fleetopt(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        if (all.contains("--demo") && !all.contains("--state-dir")) {
            all.addAll(List.of("--state-dir", stateDir.toString()));
        }
        int code = FleetoptCommand.execute(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void threeWeeklyRuns() {
        for (String[] args : List.of(new String[]{"run", "--demo", "--reset", "--yes"}, new String[]{"run", "--demo", "--yes", "--next-week"},
                new String[]{"run", "--demo", "--yes", "--next-week"})) {
            Result run = fleetopt(args);
            assertEquals(0, run.exitCode(), run.err());
            Matcher m = Pattern.compile("fleetopt weekly run (\\S+) ").matcher(run.out());
            assertTrue(m.find(), run.out());
            runIds.add(m.group(1));
        }
    }

    @AfterAll
    static void close() {
        CODEC.close();
    }

    @Test
    void theLatestRunsReportShowsTheFirstWeeksChangesRealizedAndOnePointPerWeek() {
        Result json = fleetopt("report", "--demo", "--output", "json");
        assertEquals(0, json.exitCode(), json.err());
        WeeklyReport report = CODEC.read(json.out(), WeeklyReport.class, "report --output json");
        SavingsReport savings = CODEC.read(readArtifact("runs/" + runIds.get(2) + "/savings.json"), SavingsReport.class, "savings");

        assertEquals(runIds.get(2), report.runId());
        assertEquals(savings.realizedMonthlyUsd(), report.headline().realizedMonthlyUsd());
        // three runs that each applied changes (the stepped memory cuts go on in the third week): one point per week
        assertEquals(List.of(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 16)),
                report.weeks().stream().map(WeeklyReport.WeekPoint::weekOf).toList());
        WeeklyReport.WeekPoint first = report.weeks().getFirst();
        assertTrue(first.realizedMonthlyUsd().compareTo(new BigDecimal("1000")) > 0,
                "cutting 3008 MB functions saves over $1,000 a month on the demo: " + first);
        assertTrue(first.realizedMonthlyUsd().compareTo(first.estimatedMonthlyUsd().multiply(new BigDecimal("1.25"))) < 0
                && first.realizedMonthlyUsd().compareTo(first.estimatedMonthlyUsd().multiply(new BigDecimal("0.75"))) > 0,
                "the demo's cost history follows its changes, so the realized saving is near the estimate: " + first);
    }

    @Test
    void anEarlierRunsReportIsRenderedFromItsOwnDocuments() {
        Result md = fleetopt("report", "--demo", "--run", runIds.get(1), "--output", "md");
        assertEquals(0, md.exitCode(), md.err());
        SavingsReport savings = CODEC.read(readArtifact("runs/" + runIds.get(1) + "/savings.json"), SavingsReport.class, "savings");
        assertTrue(md.out().contains("| Realized this week | **" + Money.usd(savings.realizedMonthlyUsd()) + "/month** (1 earlier change sets"),
                md.out());
        long appliedInFirstRun = CODEC.read(readArtifact("runs/" + runIds.get(0) + "/result.json"), ApplyResult.class, "result")
                .count(ApplyStatus.APPLIED);
        assertTrue(appliedInFirstRun > 0);
        assertTrue(md.out().contains("### Run " + runIds.get(0) + ", applied 2026-11-02: " + appliedInFirstRun + " changes"), md.out());
    }

    @Test
    void theHtmlPageIsWrittenBesideTheRunsDocumentsAndItsPathPrinted() throws Exception {
        Result html = fleetopt("report", "--demo");
        assertEquals(0, html.exitCode(), html.err());
        Path page = Path.of(html.out().strip());
        assertEquals(stateDir.resolve("artifacts/runs/" + runIds.get(2) + "/report.html"), page);
        assertTrue(Files.readString(page).startsWith("<!doctype html>"));
    }

    @Test
    void refusesWhatItCannotShowWithAMessageNamingIt() {
        Result unknown = fleetopt("report", "--demo", "--run", "2026-01-01-0000");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("run 2026-01-01-0000 has no savings check"), unknown.err());
        Result openMd = fleetopt("report", "--demo", "--output", "md", "--open");
        assertEquals(2, openMd.exitCode());
        assertTrue(openMd.err().contains("--open opens the HTML page"), openMd.err());
        Result real = fleetopt("report");
        assertEquals(2, real.exitCode());
        assertTrue(real.err().contains("add --demo for the demo account, or --stack NAME for a deployed stack's runs"), real.err());
    }

    @Test
    void theHelpTeachesTheDeployedStacksReport() {
        Result help = fleetopt("report", "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().contains("--stack=NAME"), help.out());
        assertTrue(help.out().contains("  fleetopt report --stack fleetopt --region eu-west-1 --output md\n"
                + " ".repeat(24) + "a deployed run's report, from its stack's bucket\n"), help.out());
    }

    @Test
    void theSummaryEmailLinksTheReport() throws Exception {
        String summary = Files.readString(stateDir.resolve("outbox/" + runIds.get(1) + "-summary.txt"));
        assertTrue(summary.contains("The weekly savings report (HTML; Markdown and JSON beside it):\n  "
                + stateDir.resolve("artifacts/runs/" + runIds.get(1) + "/report.html")), summary);
    }

    private static String readArtifact(String key) {
        try {
            return Files.readString(stateDir.resolve("artifacts").resolve(key));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRunOverMemberAccountsInTheStateFolderIsOneReportWithARowPerAccountAndRegion(@TempDir Path memberState) throws Exception {
        String run = "2026-11-30-org1";
        MemberRunDocuments docs = MemberRunDocuments.of(run, 3, true);
        io.fleetopt.core.local.DirectoryArtifactStore store = new io.fleetopt.core.local.DirectoryArtifactStore(memberState.resolve("artifacts"));
        io.fleetopt.core.port.DocumentStore documents = new io.fleetopt.core.port.DocumentStore(store, CODEC);
        documents.write("runs/" + run + "/index.json", docs.index());
        documents.write("runs/" + run + "/savings.json", docs.savings());
        io.fleetopt.core.local.JsonLinesChangeLedger ledger = new io.fleetopt.core.local.JsonLinesChangeLedger(memberState.resolve("ledger.jsonl"), CODEC);
        docs.ledger().forEach(ledger::append);
        String[] local = {"--state-dir", memberState.toString()};

        Result json = fleetopt(concat(new String[]{"report", "--output", "json", "--demo"}, local));
        assertEquals(0, json.exitCode(), json.err());
        WeeklyReport report = CODEC.read(json.out(), WeeklyReport.class, "report --output json");
        assertEquals(run, report.runId(), "the latest run with a savings check, without --run");
        assertEquals("3 member accounts", report.account());
        assertEquals(docs.index().totals().functionCount(), report.accounts().totals().functions());
        assertEquals(docs.index().totals().applyItemCount(), report.accounts().totals().changesPlanned());
        assertEquals(0, docs.index().totals().monthlySavingUsd().compareTo(report.accounts().totals().plannedMonthlyUsd()));
        assertEquals(1, report.accounts().totals().changesApplied(), "the run's one change, attributed from the ledger");
        assertEquals(1, report.headline().justAppliedChanges());
        assertEquals(List.of(2, 2, 1), report.accounts().accounts().stream().map(a -> a.regions().size()).toList(),
                "two regions each, the last account's eu-west-1 not collected");
        assertEquals(1, report.accounts().notCollected().size());

        Result md = fleetopt(concat(new String[]{"report", "--demo", "--run", run, "--output", "md"}, local));
        assertEquals(0, md.exitCode(), md.err());
        assertTrue(md.out().contains("## Accounts and regions\n\nThis run planned 25 changes and 10 findings for owners over 204 functions "
                + "in 5 account-region pairs, est. $103.00/month; 1 change was applied (est. $9.75/month). 1 account-region pair was not "
                + "collected: nothing of it is in these figures."), md.out());
        assertTrue(md.out().contains("| " + MemberRunDocuments.account(0) + " | us-east-1 | 40 | 5 | 2 | $11.40/month | 1, $9.75/month | - | runs/"
                + run + "/accounts/" + MemberRunDocuments.account(0) + "/us-east-1/plan.json |"), md.out());

        Result html = fleetopt(concat(new String[]{"report", "--demo", "--run", run}, local));
        assertEquals(0, html.exitCode(), html.err());
        Path page = Path.of(html.out().strip());
        assertEquals(memberState.resolve("artifacts/runs/" + run + "/report.html"), page);
        assertTrue(Files.readString(page).contains("<table class=\"accounts\">"));
    }

    private static String[] concat(String[] a, String[] b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
    }
}
