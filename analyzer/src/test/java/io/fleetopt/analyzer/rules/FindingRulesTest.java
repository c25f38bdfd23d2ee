package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.Analysis;
import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.analyzer.SnapshotBuilder;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.DailyMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.Risk;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.fleetopt.analyzer.ProfileBuilder.LAST_DAY;
import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules that report, protect or price something other than memory, timeout and reserved concurrency. */
class FindingRulesTest {

    @Nested
    class ProvisionedConcurrency {

        private final ProvisionedConcurrencyRule rule = new ProvisionedConcurrencyRule();

        @ParameterizedTest(name = "{0} provisioned at {1} utilization -> {2}")
        @CsvSource(nullValues = "none", value = {
                "20, 0.06, 2",     // 20 x 0.06 x 1.2 = 1.44 -> 2
                "20, 0.0,  none",  // never used: removed ("none")
                "20, 0.5,  keep",  // not low
                "2,  0.45, keep",  // 2 x 0.45 x 1.2 = 1.08 -> 2: nothing to lower
        })
        void lowersOrRemovesProvisionedConcurrencyThatStaysIdle(int provisioned, double utilization, String expected) {
            Optional<Recommendation> item = Analysis.evaluate(rule, function("f").provisioned(provisioned, utilization).build());
            if ("keep".equals(expected)) {
                assertTrue(item.isEmpty());
                return;
            }
            assertEquals(expected == null ? "none" : expected, item.orElseThrow().proposedValue());
            assertEquals(Action.REPORT_ONLY, item.orElseThrow().action());
        }

        @Test
        void savesTheProvisionedGbSecondsNoLongerKeptWarm() {
            Recommendation item = Analysis.evaluate(rule, function("f").memoryMb(1024).provisioned(20, 0.0).build()).orElseThrow();
            // 20 x 1 GB x 2,592,000 s x $0.0000041667
            assertEquals(new BigDecimal("216.00"), item.monthlySavingUsd());
        }
    }

    @Nested
    class LogRetention {

        private final LogRetentionRule rule = new LogRetentionRule();

        @ParameterizedTest(name = "env={0}, tag={1} -> {2} days")
        @CsvSource(nullValues = "none", value = {
                "prod, none, 90",
                "dev,  none, 7",
                "none, none, 30",
                "qa,   none, 30",
                "prod, 365,  365",
                "prod, 45,   90",  // not a CloudWatch retention: ignored
                "dev,  abc,  7",
        })
        void setsTheRetentionOfTheFunctionsEnvironmentOrItsTag(String environment, String tag, int days) {
            var builder = function("f").logsNeverExpire();
            if (environment != null) {
                builder.tag("env", environment);
            }
            if (tag != null) {
                builder.tag("fleetopt:retention-days", tag);
            }
            assertEquals(Integer.toString(days), Analysis.evaluate(rule, builder.build()).orElseThrow().proposedValue());
        }

        @Test
        void leavesALogGroupWithARetentionAlone() {
            assertTrue(Analysis.evaluate(rule, function("f").logRetentionDays(3653).build()).isEmpty());
        }

        @Test
        void leavesALogGroupWhoseRetentionCouldNotBeReadAlone() {
            assertTrue(Analysis.evaluate(rule, function("f").logsNeverExpire().unknown("logRetentionDays").build()).isEmpty());
        }

        @Test
        void pricesTheStorageThatStopsPilingUp() {
            Recommendation item = Analysis.evaluate(rule, function("f").logsNeverExpire().logStoredBytes(365L * 1024 * 1024 * 1024)
                    .build()).orElseThrow();
            // 365 GB, 30 days kept: 335 GB x $0.03
            assertEquals(new BigDecimal("10.05"), item.monthlySavingUsd());
        }
    }

    @Nested
    class Tracing {

        private final TracingRule rule = new TracingRule();

        @Test
        void turnsOnActiveTracingForProductionAndShowsItsCost() {
            Recommendation item = Analysis.evaluate(rule, function("f").tag("env", "prod").invocations(1_400_000).build()).orElseThrow();
            assertEquals("Active", item.proposedValue());
            // 3 M a month: the 2.592 M reservoir plus 5 % of the other 408 k = 2,612,400 traces x $5 per million
            assertEquals(new BigDecimal("-13.06"), item.monthlySavingUsd());
        }

        @Test
        void leavesDevelopmentAndAlreadyTracedFunctionsAlone() {
            assertTrue(Analysis.evaluate(rule, function("f").tag("env", "dev").build()).isEmpty());
            assertTrue(Analysis.evaluate(rule, function("f").tag("env", "prod").activeTracing().build()).isEmpty());
            assertTrue(Analysis.evaluate(rule, function("f").build()).isEmpty());
        }
    }

    @Nested
    class DeadLetter {

        private final DeadLetterRule rule = new DeadLetterRule();

        @Test
        void reportsAnAsyncFunctionWithNowhereForFailedEventsToGo() {
            Recommendation item = Analysis.evaluate(rule, function("f").asyncEvents(1_000).errors(3).build()).orElseThrow();
            assertEquals(Action.REPORT_ONLY, item.action());
            assertEquals(Risk.HIGH, item.risk());
        }

        @Test
        void leavesFunctionsWithADlqADestinationOrNoAsyncEventsAlone() {
            assertTrue(Analysis.evaluate(rule, function("f").asyncEvents(1_000).deadLetterQueue("arn:aws:sqs:us-east-1:1:q").build()).isEmpty());
            assertTrue(Analysis.evaluate(rule, function("f").asyncEvents(1_000).onFailureDestination("arn:aws:sqs:us-east-1:1:q").build()).isEmpty());
            assertTrue(Analysis.evaluate(rule, function("f").asyncEvents(0).build()).isEmpty());
        }
    }

    @Nested
    class Runtime {

        private final RuntimeRule rule = new RuntimeRule();

        @ParameterizedTest(name = "{0} on {1} -> {2}")
        @CsvSource(nullValues = "none", value = {
                "python3.9,  2026-11-02, HIGH",
                "dotnet8,    2026-11-02, MEDIUM",   // 8 days before end of support
                "dotnet8,    2026-11-10, HIGH",     // the day itself
                "nodejs22.x, 2026-11-01, MEDIUM",   // exactly 180 days before 2027-04-30
                "nodejs22.x, 2026-10-31, none",     // 181 days before
                "nodejs24.x, 2026-11-02, none",
                "python3.13, 2026-11-02, none",
        })
        void ratesARuntimeByHowCloseItIsToEndOfSupport(String runtime, String day, Risk risk) {
            FunctionProfile f = function("f").runtime(runtime).build();
            Optional<Recommendation> item = Analysis.evaluate(rule, f, AnalyzerPolicy.defaults(),
                    SnapshotBuilder.snapshot().with(f).collectedAt(Instant.parse(day + "T06:00:00Z")).build());
            assertEquals(Optional.ofNullable(risk), item.map(Recommendation::risk));
            item.ifPresent(i -> assertEquals(Action.REPORT_ONLY, i.action()));
        }
    }

    @Nested
    class Architecture {

        private final ArchitectureRule rule = new ArchitectureRule();

        @Test
        void listsAnArm64CandidateWithItsSaving() {
            Recommendation item = Analysis.evaluate(rule, function("f").memoryMb(1024).invocations(1_400_000).durationAvgMs(200)
                    .build()).orElseThrow();
            // 3 M x 0.2 s x 1 GB = 600,000 GB-s a month x ($0.0000166667 - $0.0000133334)
            assertEquals(new BigDecimal("2.00"), item.monthlySavingUsd());
            assertEquals(Action.REPORT_ONLY, item.action());
        }

        @Test
        void skipsSavingsBelowThePolicysMinimumArm64FunctionsAndGo() {
            assertTrue(Analysis.evaluate(rule, function("f").memoryMb(128).invocations(1_000).build()).isEmpty());
            assertTrue(Analysis.evaluate(rule, function("f").arm64().invocations(1_400_000).build()).isEmpty());
            assertTrue(Analysis.evaluate(rule, function("f").runtime("go1.x").invocations(1_400_000).build()).isEmpty());
        }
    }

    @Nested
    class Errors {

        private final ErrorsRule rule = new ErrorsRule();

        private FunctionProfile withDays(long errorsPerThousand, double maxMs) {
            List<DailyMetrics> days = new ArrayList<>();
            for (int i = 0; i < 14; i++) {
                days.add(new DailyMetrics(LAST_DAY.minusDays(i), 1_000, i == 0 ? errorsPerThousand : 0, 0, 100.0, i == 0 ? maxMs : 200.0));
            }
            return function("f").timeoutSeconds(30).daily(days).build();
        }

        @ParameterizedTest(name = "{0} errors in 1,000 on one day, max {1} ms -> {2}")
        @CsvSource(nullValues = "none", value = {
                "100, 200,   none",    // exactly 10 %: not more
                "101, 200,   MEDIUM",
                "0,   29700, MEDIUM",  // reached 99 % of the 30 s timeout
                "0,   29699, none",
        })
        void reportsDaysWithMoreThanTenPercentErrorsOrTimeouts(long errors, double maxMs, Risk risk) {
            assertEquals(Optional.ofNullable(risk), Analysis.evaluate(rule, withDays(errors, maxMs)).map(Recommendation::risk));
        }

        @Test
        void ratesItHighWhenHalfTheDaysAreBad() {
            List<DailyMetrics> days = new ArrayList<>();
            for (int i = 0; i < 14; i++) {
                days.add(new DailyMetrics(LAST_DAY.minusDays(i), 1_000, i % 2 == 0 ? 200 : 0, 0, 100.0, 200.0));
            }
            assertEquals(Risk.HIGH, Analysis.evaluate(rule, function("f").daily(days).build()).orElseThrow().risk());
        }
    }
}
