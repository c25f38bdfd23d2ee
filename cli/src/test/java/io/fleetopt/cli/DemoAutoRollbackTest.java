package io.fleetopt.cli;

import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.JsonLinesChangeLedger;
import io.fleetopt.core.port.GuardAlarm;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On the demo account, --next-week evaluates the guard alarms against the demo's metrics of the week that passed, and
 * an alarm in ALARM goes through the same Rollback stage as the deployed Rollback function; the summary says so, and
 * a week in which no alarm fires rolls nothing back.
 */
class DemoAutoRollbackTest {

    private static final DocumentCodec CODEC = new DocumentCodec();

    @TempDir
    Path stateDir;

    @AfterAll
    static void close() {
        CODEC.close();
    }

    private String fleetopt(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] all = Stream.concat(Stream.of(args), Stream.of("--state-dir", stateDir.toString())).toArray(String[]::new);
        int code = FleetoptCommand.execute(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        return text;
    }

    private static String runId(String out) {
        Matcher m = Pattern.compile("fleetopt weekly run (\\S+) ").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    @Test
    void aGuardAlarmInAlarmNextWeekRollsItsFunctionsChangesBackOnceWithANoticeAndTheLedgerSaysWhy() throws IOException {
        String first = fleetopt("run", "--demo", "--reset", "--yes");
        String run = runId(first);
        assertTrue(first.contains("On the demo account, when --next-week moves its calendar, the guard alarms are evaluated "
                + "against the demo's own metrics, and a function whose alarm is in ALARM within 7 days of its change has that "
                + "run's changes rolled back, with a notice."), first);
        DemoAccount account = DemoAccount.open(stateDir, false, CODEC);
        GuardAlarm p99 = account.alarms().stream().filter(a -> a.name().equals("fleetopt-pdf-renderer-p99-slowdown"))
                .findFirst().orElseThrow();
        assertEquals(run, p99.runId());
        // the demo's p99 of pdf-renderer at its new memory against a threshold it crosses (as a slower week would)
        account.putAlarm(new GuardAlarm(p99.name(), p99.functionArn(), p99.functionName(), p99.namespace(), p99.metricName(),
                p99.dimensions(), p99.statistic(), 1.0, p99.periodSeconds(), p99.evaluationPeriods(), p99.reason(), p99.runId()));
        int memoryAfterRun = account.read(DemoAccount.arnOf("pdf-renderer")).memoryMb();

        String second = fleetopt("run", "--demo", "--yes", "--next-week");

        assertTrue(second.contains("  guard alarm fleetopt-pdf-renderer-p99-slowdown went into ALARM: rolled back 3 changes to "
                + "pdf-renderer of run " + run + " (notice in the outbox)"), second);
        assertFalse(second.contains("guard alarm fleetopt-orders-api"), "only the alarms that fired roll anything back");
        assertTrue(memoryAfterRun < 3008);
        List<LedgerEntry> rolledBack = new JsonLinesChangeLedger(stateDir.resolve("ledger.jsonl"), CODEC).entriesOfRun(run).stream()
                .filter(e -> e.action() == LedgerAction.ROLLED_BACK && e.functionName().equals("pdf-renderer")).toList();
        assertEquals(3, rolledBack.size());
        assertTrue(rolledBack.stream().anyMatch(e -> e.kind() == io.fleetopt.core.model.RecommendationKind.MEMORY
                && e.after().equals("3008")), rolledBack.toString());
        assertTrue(rolledBack.stream().allMatch(e -> e.functionName().equals("pdf-renderer") && e.reason()
                .startsWith("guard alarm fleetopt-pdf-renderer-p99-slowdown went into ALARM at 2026-11-02T23:00:00Z: Threshold "
                        + "Crossed: the demo's Duration p99 of 2026-11-02 was ")), rolledBack.toString());
        try (Stream<Path> outbox = Files.list(stateDir.resolve("outbox"))) {
            List<String> notices = outbox.map(p -> read(p)).filter(t -> t.contains("Guard alarm fleetopt-pdf-renderer-p99-slowdown"))
                    .toList();
            assertEquals(1, notices.size());
            assertTrue(notices.get(0).contains("memory: " + memoryAfterRun + " MB -> 3008 MB"), notices.get(0));
        }

        String third = fleetopt("run", "--demo", "--yes", "--next-week");
        assertFalse(third.contains("went into ALARM"), "the week after, nothing is in ALARM inside a guard window: " + third);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
