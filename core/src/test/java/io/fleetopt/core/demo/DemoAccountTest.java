package io.fleetopt.core.demo;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.json.InvalidDocumentException;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.port.DailyCost;
import io.fleetopt.core.port.FunctionNotFoundException;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.port.RevisionConflictException;
import io.fleetopt.core.scope.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoAccountTest {

    private static final DocumentCodec CODEC = new DocumentCodec();

    @TempDir
    Path stateDir;

    @AfterAll
    static void close() {
        CODEC.close();
    }

    private static CollectRequest request() {
        return new CollectRequest("run-1", List.of(DemoAccount.REGION), 14, Scope.everything());
    }

    private static FunctionProfile function(FleetSnapshot snapshot, String name) {
        return snapshot.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void collectsTheSameSnapshotEveryTimeForTheSameState() {
        DemoAccount account = DemoAccount.open(stateDir, true, CODEC);
        FleetSnapshot first = account.collect(request());
        FleetSnapshot again = DemoAccount.open(stateDir, false, CODEC).collect(request());
        assertEquals(CODEC.write(first), CODEC.write(again));
        assertTrue(first.functions().size() >= 28, "about 30 functions, got " + first.functions().size());
    }

    @Test
    void slowsTheCpuPartOfAFunctionWithItsVcpuShareAndNothingElse() {
        DemoAccount account = DemoAccount.open(stateDir, true, CODEC);
        for (String name : List.of("price-calculator", "notifications-fanout")) {
            String arn = DemoAccount.arnOf(name);
            account.update(arn, RecommendationKind.MEMORY, "1536", account.read(arn).revisionId());
        }
        account.advanceWeek();
        io.fleetopt.core.model.DateRange before = new io.fleetopt.core.model.DateRange(DemoAccount.FIRST_DAY.minusDays(7), DemoAccount.FIRST_DAY);
        io.fleetopt.core.model.DateRange after = new io.fleetopt.core.model.DateRange(DemoAccount.FIRST_DAY.plusDays(1), account.today());
        List<String> arns = List.of(DemoAccount.arnOf("price-calculator"), DemoAccount.arnOf("notifications-fanout"));
        var was = account.usage(arns, before);
        var now = account.usage(arns, after);
        // half of price-calculator's duration is CPU work: at 1,536 MB it takes 3008 / 1536 times as long, 1.48x in all
        assertEquals(0.5 + 0.5 * 3008 / 1536.0, now.get(0).durationAvgMs() / was.get(0).durationAvgMs(), 0.02);
        assertEquals(0.5 + 0.5 * 3008 / 1536.0, now.get(0).durationP99Ms() / was.get(0).durationP99Ms(), 0.02);
        // notifications-fanout waits on other services: the same duration at half the memory
        assertEquals(1.0, now.get(1).durationAvgMs() / was.get(1).durationAvgMs(), 0.02);
    }

    @Test
    void reportsTheCpuTimeLambdaInsightsWouldOfAComputingFunction() {
        FunctionProfile pdf = function(DemoAccount.open(stateDir, true, CODEC).collect(request()), "pdf-renderer");
        // 93 % of its duration computes on the 1.70 vCPU of 3,008 MB: 158 % CPU time
        assertEquals(1.58, pdf.metrics().cpuTimeRatio(), 0.005);
    }

    @Test
    void containsEveryCaseTheAnalyzerHandles() {
        FleetSnapshot snapshot = DemoAccount.open(stateDir, true, CODEC).collect(request());
        assertEquals(3008, function(snapshot, "orders-api").config().memoryMb());
        assertNull(function(snapshot, "orders-api").config().logRetentionDays(), "baseline logs never expire");
        assertTrue(function(snapshot, "legacy-batch").config().taggedSkip());
        assertTrue(function(snapshot, "fleetopt-collector").config().isOptimizersOwn());
        assertTrue(function(snapshot, "new-feature-api").metrics().daysWithData() < 7);
        long adminCalls = function(snapshot, "admin-reports").metrics().invocations();
        assertTrue(adminCalls > 0 && adminCalls < 50, "too few invocations but not none: " + adminCalls);
        assertEquals(MemorySource.NONE, function(snapshot, "image-resizer-v1").metrics().memorySource());
        assertNull(function(snapshot, "image-resizer-v1").metrics().maxMemoryUsedMb());
        assertTrue(function(snapshot, "pdf-renderer").metrics().cpuTimeRatio() >= 0.8);
        assertEquals("python3.9", function(snapshot, "reports-python39").config().runtime());
        FunctionProfile async = function(snapshot, "email-sender");
        assertTrue(async.metrics().asyncEventsReceived() > 0 && !async.config().hasFailureDestination());
        assertEquals("orders-stack", function(snapshot, "orders-api-cfn").config().cloudFormationStack());
        assertTrue(function(snapshot, "checkout-worker").metrics().throttles() > 0);
        assertTrue(function(snapshot, "search-warm").metrics().provisionedUtilizationMax() < 0.2);
    }

    private static io.fleetopt.core.port.GuardAlarm p99Alarm(FunctionProfile before) {
        double threshold = io.fleetopt.core.change.LatencyGuard.defaults().thresholdMs(before.metrics().durationP99Ms());
        return new io.fleetopt.core.port.GuardAlarm("fleetopt-" + before.name() + "-p99-slowdown", before.arn(), before.name(),
                "AWS/Lambda", "Duration", java.util.Map.of("FunctionName", before.name()), "p99", threshold, 3600, 3,
                "duration p99 above the baseline", "run-1");
    }

    @Test
    void itsGuardAlarmsFireOnItsOwnMetricsWhenACutSlowsACpuBoundFunctionAndStayQuietOtherwise() {
        DemoAccount account = DemoAccount.open(stateDir, true, CODEC);
        FleetSnapshot snapshot = account.collect(request());
        for (String name : List.of("pdf-renderer", "orders-api")) {
            FunctionProfile before = function(snapshot, name);
            account.update(before.arn(), RecommendationKind.MEMORY, "512", account.read(before.arn()).revisionId());
            account.putAlarm(p99Alarm(before));
        }
        java.time.LocalDate changed = account.today();
        account.advanceWeek();

        List<io.fleetopt.core.port.AlarmStateChange> fired = account.evaluateGuardAlarms(changed, account.today());

        assertEquals(List.of("fleetopt-pdf-renderer-p99-slowdown"), fired.stream().map(a -> a.alarmName()).toList(),
                "the CPU-bound function got slower with less CPU; the I/O-bound one did not");
        io.fleetopt.core.port.AlarmStateChange alarm = fired.get(0);
        assertTrue(alarm.isAlarm());
        assertEquals(changed.atTime(23, 0).toInstant(java.time.ZoneOffset.UTC), alarm.at(), "the first day at the new memory");
        assertTrue(alarm.reason().startsWith("Threshold Crossed: the demo's Duration p99 of " + changed + " was "), alarm.reason());
        assertEquals("run-1", io.fleetopt.core.port.GuardAlarmLabel.parse(alarm.description()).orElseThrow().runId());
        assertEquals(List.of(), account.evaluateGuardAlarms(changed.minusWeeks(1), changed), "no alarm before the change");
    }

    @Test
    void keepsAnAppliedChangeAcrossReopening() {
        DemoAccount account = DemoAccount.open(stateDir, true, CODEC);
        String arn = DemoAccount.arnOf("orders-api");
        FunctionSettings before = account.read(arn);
        FunctionSettings after = account.update(arn, RecommendationKind.MEMORY, "832", before.revisionId());
        assertEquals(832, after.memoryMb());
        assertNotEquals(before.revisionId(), after.revisionId());
        assertEquals(after, DemoAccount.open(stateDir, false, CODEC).read(arn));
    }

    @Test
    void refusesAChangeAgainstAStaleRevisionAndChangesNothing() {
        DemoAccount account = DemoAccount.open(stateDir, true, CODEC);
        String arn = DemoAccount.arnOf("orders-api");
        assertThrows(RevisionConflictException.class, () -> account.update(arn, RecommendationKind.MEMORY, "512", "stale"));
        assertEquals(3008, account.read(arn).memoryMb());
    }

    @Test
    void itsClockFollowsTheCalendarWhenAWeekPasses() {
        DemoAccount account = DemoAccount.open(stateDir, true, CODEC);
        java.time.Clock clock = account.clock();
        account.advanceWeek();
        assertEquals(java.time.Instant.parse("2026-11-09T06:00:00Z"), clock.instant());
    }

    @Test
    void saysWhenAFunctionDoesNotExist() {
        DemoAccount account = DemoAccount.open(stateDir, true, CODEC);
        assertThrows(FunctionNotFoundException.class, () -> account.read(DemoAccount.arnOf("no-such-function")));
    }

    @Test
    void costHistoryFallsAfterMemoryIsCut() {
        DemoAccount account = DemoAccount.open(stateDir, true, CODEC);
        String arn = DemoAccount.arnOf("notifications-fanout");
        account.update(arn, RecommendationKind.MEMORY, "256", account.read(arn).revisionId());
        java.time.LocalDate changedOn = account.today();
        account.advanceWeek();
        List<DailyCost> before = account.dailyLambdaCost(changedOn.minusDays(7), changedOn).days();
        List<DailyCost> after = account.dailyLambdaCost(changedOn, changedOn.plusDays(7)).days();
        BigDecimal weekBefore = before.stream().map(DailyCost::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal weekAfter = after.stream().map(DailyCost::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertTrue(weekAfter.compareTo(weekBefore.multiply(new BigDecimal("0.9"))) < 0,
                "a week after cutting 3008 MB to 256 MB costs less: " + weekBefore + " -> " + weekAfter);
    }

    @Test
    void rejectsACorruptedStateFileNamingTheFieldAndLeavesItAsItWas() throws Exception {
        DemoAccount.open(stateDir, true, CODEC);
        Path file = stateDir.resolve(DemoAccount.STATE_FILE);
        String corrupted = Files.readString(file).replaceFirst("\"timeoutSeconds\" : 300", "\"timeoutSeconds\" : 9000");
        Files.writeString(file, corrupted);
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> DemoAccount.open(stateDir, false, CODEC));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().endsWith(": functions[0].spec.timeoutSeconds: is 9000, must be between 1 and 900"), e.getMessage());
        assertEquals(corrupted, Files.readString(file));
    }

    @Test
    void costHistoryKeepsFollowingChangesWeekAfterWeekAndComesBackUpAfterARollback() {
        DemoAccount account = DemoAccount.open(stateDir, true, CODEC);
        String arn = DemoAccount.arnOf("notifications-fanout");
        java.time.LocalDate firstWeek = account.today();
        account.update(arn, RecommendationKind.MEMORY, "256", account.read(arn).revisionId());
        account.advanceWeek();
        account.advanceWeek();
        java.time.LocalDate rolledBackOn = account.today();
        account.update(arn, RecommendationKind.MEMORY, "3008", account.read(arn).revisionId());
        account.advanceWeek();
        BigDecimal before = weekCost(account, firstWeek.minusDays(7));
        BigDecimal secondWeek = weekCost(account, firstWeek.plusDays(7));
        BigDecimal afterRollback = weekCost(account, rolledBackOn);
        assertTrue(secondWeek.compareTo(before.multiply(new BigDecimal("0.9"))) < 0, before + " -> " + secondWeek);
        assertTrue(afterRollback.compareTo(before.multiply(new BigDecimal("0.95"))) > 0, "back up after the rollback: " + before
                + " -> " + afterRollback);
    }

    @Test
    void usageShowsEachFunctionAsItRanWithTheSettingsOfThoseDays() {
        DemoAccount account = DemoAccount.open(stateDir, true, CODEC);
        String arn = DemoAccount.arnOf("pdf-renderer");
        java.time.LocalDate changedOn = account.today();
        account.update(arn, RecommendationKind.MEMORY, "512", account.read(arn).revisionId());
        account.advanceWeek();
        var before = account.usage(List.of(arn), new io.fleetopt.core.model.DateRange(changedOn.minusDays(7), changedOn)).getFirst();
        var after = account.usage(List.of(arn), new io.fleetopt.core.model.DateRange(changedOn, changedOn.plusDays(7))).getFirst();
        assertEquals(7, before.daysWithData());
        assertEquals(7, after.daysWithData());
        assertTrue(after.durationAvgMs() > before.durationAvgMs() * 2, "a CPU-bound function runs longer with less memory: "
                + before.durationAvgMs() + " -> " + after.durationAvgMs());
        assertEquals(0, account.usage(List.of(DemoAccount.arnOf("no-such")), before.days()).getFirst().invocations());
    }

    private static BigDecimal weekCost(DemoAccount account, java.time.LocalDate from) {
        return account.dailyLambdaCost(from, from.plusDays(7)).days().stream().map(DailyCost::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
