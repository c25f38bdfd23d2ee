package io.fleetopt.applier;

import io.fleetopt.core.model.AccountConcurrency;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.FunctionSettings;
import io.fleetopt.core.scope.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.fleetopt.core.model.RecommendationKind.LOG_RETENTION;
import static io.fleetopt.core.model.RecommendationKind.MEMORY;
import static io.fleetopt.core.model.RecommendationKind.RESERVED_CONCURRENCY;
import static io.fleetopt.core.model.RecommendationKind.RUNTIME;
import static io.fleetopt.core.model.RecommendationKind.TIMEOUT;
import static io.fleetopt.core.model.RecommendationKind.TRACING;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every guard, with the tampered inputs a user tried (a plan edited after planning, a ledger edited before a
 * rollback) and their near neighbours on both sides. The function: orders-api, 3,008 MB, 300 s, no reserved
 * concurrency, max memory used 643 MB, longest invocation 1,400 ms (872 ms average), peak concurrency 40, in an
 * account with 150 unreserved; the deployment's scope is us-east-1 and team=payments.
 */
class ApplyGuardsTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:orders-api";
    private static final ApplyGuards GUARDS = new ApplyGuards(new GuardSettings(List.of("us-east-1"),
            new Scope(List.of("team=payments"), List.of()), "fleetopt-", 20, 1.5, 100));

    /** One case: a change to check, the live function, what the snapshot saw, and the refusal expected (null: allowed). */
    record Case(String name, ProposedChange change, Map<String, String> liveTags, FunctionProfile profile, String refusal) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case apply(String name, RecommendationKind kind, String value, String refusal) {
        return new Case(name, change(ARN, "orders-api", kind, value), tags(), profile(643, MemorySource.LAMBDA_INSIGHTS, 1400.0, 40), refusal);
    }

    private static ProposedChange change(String arn, String name, RecommendationKind kind, String value) {
        return new ProposedChange(arn, name, kind, value);
    }

    private static Map<String, String> tags(String... keyValues) {
        Map<String, String> tags = new HashMap<>(Map.of("team", "payments"));
        for (int i = 0; i < keyValues.length; i += 2) {
            tags.put(keyValues[i], keyValues[i + 1]);
        }
        return tags;
    }

    static FunctionProfile profile(Integer maxUsedMb, MemorySource source, Double maxDurationMs, Integer peak) {
        FunctionConfig config = new FunctionConfig("java21", "x86_64", 3008, 300, null, null, "PassThrough", null, null,
                "/aws/lambda/orders-api", null, null, Map.of("team", "payments"), null, "rev-1", null, List.of());
        FunctionMetrics metrics = new FunctionMetrics(14, 100_000, 0, 0, 872.0, 800.0, 1200.0, maxDurationMs, peak, null, null,
                maxUsedMb, source, null, List.of());
        return new FunctionProfile(ARN, "orders-api", "us-east-1", config, metrics, List.of());
    }

    private static FunctionSettings live(Map<String, String> tags) {
        return new FunctionSettings(ARN, "rev-1", 3008, 300, null, "PassThrough", null, tags);
    }

    static Stream<Case> applyCases() {
        return Stream.of(
                apply("memory cut to 128 MB when 643 MB are used", MEMORY, "128",
                        "128 MB is below the max memory used, 643 MB, plus 20 % headroom (772 MB)"),
                apply("memory cut one MB below the floor", MEMORY, "771",
                        "771 MB is below the max memory used, 643 MB, plus 20 % headroom (772 MB)"),
                apply("memory cut to exactly the floor", MEMORY, "772", null),
                apply("memory cut to the analyzer's 832 MB", MEMORY, "832", null),
                apply("memory below Lambda's 128 MB", MEMORY, "64", "memory '64' is not a whole number of MB from 128 to 10240"),
                apply("memory above Lambda's 10,240 MB", MEMORY, "10241", "memory '10241' is not a whole number of MB from 128 to 10240"),
                apply("memory raised to Lambda's most", MEMORY, "10240", null),
                apply("memory that is not a number", MEMORY, "lots", "memory 'lots' is not a whole number of MB from 128 to 10240"),
                apply("timeout cut to 1 s for a function averaging 872 ms", TIMEOUT, "1",
                        "1 s is below the longest observed invocation, 1400 ms, times 1.5 (3 s)"),
                apply("timeout cut one second below the floor", TIMEOUT, "2",
                        "2 s is below the longest observed invocation, 1400 ms, times 1.5 (3 s)"),
                apply("timeout cut to exactly the floor", TIMEOUT, "3", null),
                apply("timeout of 0 s", TIMEOUT, "0", "timeout '0' is not a whole number of seconds from 1 to 900"),
                apply("timeout above Lambda's 900 s", TIMEOUT, "901", "timeout '901' is not a whole number of seconds from 1 to 900"),
                apply("timeout raised to Lambda's most", TIMEOUT, "900", null),
                apply("reserved concurrency leaving 99 unreserved", RESERVED_CONCURRENCY, "51",
                        "reserving 51 would leave the account 99 unreserved concurrency; at least 100 must stay"),
                apply("reserved concurrency leaving exactly 100 unreserved", RESERVED_CONCURRENCY, "50", null),
                apply("reserved concurrency leaving 1 unreserved", RESERVED_CONCURRENCY, "149",
                        "reserving 149 would leave the account 1 unreserved concurrency; at least 100 must stay"),
                apply("reserved concurrency below the peak of 40", RESERVED_CONCURRENCY, "39",
                        "reserved concurrency 39 is below the peak concurrency seen, 40: the function would be throttled"),
                apply("reserved concurrency at the peak", RESERVED_CONCURRENCY, "40", null),
                apply("reserved concurrency of 0", RESERVED_CONCURRENCY, "0",
                        "reserved concurrency '0' is not 'none' or a whole number of at least 1 (0 stops every invocation)"),
                apply("reserved concurrency removed", RESERVED_CONCURRENCY, "none", null),
                apply("retention of 4 days, not a CloudWatch period", LOG_RETENTION, "4",
                        "log retention '4' is not 'never' or a period CloudWatch Logs accepts (one of [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653])"),
                apply("retention of 3 days", LOG_RETENTION, "3", null),
                apply("retention of 5 days", LOG_RETENTION, "5", null),
                apply("retention that never expires", LOG_RETENTION, "never", null),
                apply("tracing mode that does not exist", TRACING, "On", "tracing mode 'On' is not one of [Active, PassThrough]"),
                apply("tracing turned on", TRACING, "Active", null),
                apply("a report-only kind", RUNTIME, "java25", "runtime is a finding for the function's owner; the applier does not change it"),
                new Case("an ARN naming one function and a name another",
                        change("arn:aws:lambda:us-east-1:123456789012:function:cart-service", "orders-api", MEMORY, "832"),
                        tags(), profile(643, MemorySource.LAMBDA_INSIGHTS, 1400.0, 40),
                        "the ARN names function cart-service but the item names orders-api"),
                new Case("a qualified ARN (an alias)", change(ARN + ":live", "orders-api", MEMORY, "832"), tags(),
                        profile(643, MemorySource.LAMBDA_INSIGHTS, 1400.0, 40),
                        "'" + ARN + ":live' is not an unqualified Lambda function ARN"),
                new Case("a function in a region outside the deployment",
                        change("arn:aws:lambda:eu-west-1:123456789012:function:orders-api", "orders-api", MEMORY, "832"), tags(),
                        profile(643, MemorySource.LAMBDA_INSIGHTS, 1400.0, 40),
                        "orders-api is in eu-west-1, outside the configured regions us-east-1"),
                new Case("the optimizer's own function by name",
                        change("arn:aws:lambda:us-east-1:123456789012:function:fleetopt-collector", "fleetopt-collector", MEMORY, "832"),
                        tags(), profile(643, MemorySource.LAMBDA_INSIGHTS, 1400.0, 40), "fleetopt-collector is the optimizer's own function"),
                new Case("the optimizer's own function by its live tag", change(ARN, "orders-api", MEMORY, "832"),
                        tags("fleetopt:component", "analyzer"), profile(643, MemorySource.LAMBDA_INSIGHTS, 1400.0, 40),
                        "orders-api is the optimizer's own function"),
                new Case("a function tagged fleetopt:skip=true since it was planned", change(ARN, "orders-api", MEMORY, "832"),
                        tags("fleetopt:skip", "TRUE"), profile(643, MemorySource.LAMBDA_INSIGHTS, 1400.0, 40),
                        "orders-api is tagged fleetopt:skip=true"),
                new Case("a function tagged fleetopt:skip=false", change(ARN, "orders-api", MEMORY, "832"),
                        tags("fleetopt:skip", "false"), profile(643, MemorySource.LAMBDA_INSIGHTS, 1400.0, 40), null),
                new Case("a function outside the configured scope tag", change(ARN, "orders-api", MEMORY, "832"),
                        Map.of("team", "orders"), profile(643, MemorySource.LAMBDA_INSIGHTS, 1400.0, 40),
                        "orders-api is outside the configured scope (not tagged team=payments)"),
                new Case("a function the run's snapshot does not have", change(ARN, "orders-api", MEMORY, "832"), tags(), null,
                        "orders-api is not in the run's snapshot: no evidence to check the change against"),
                new Case("a memory cut without a memory source", change(ARN, "orders-api", MEMORY, "832"), tags(),
                        profile(null, MemorySource.NONE, 1400.0, 40), "no memory use in the run's snapshot: memory is not cut without it"),
                new Case("a memory raise without a memory source", change(ARN, "orders-api", MEMORY, "4096"), tags(),
                        profile(null, MemorySource.NONE, 1400.0, 40), null),
                new Case("a timeout cut without a longest invocation", change(ARN, "orders-api", TIMEOUT, "60"), tags(),
                        profile(643, MemorySource.LAMBDA_INSIGHTS, null, 40),
                        "no longest invocation in the run's snapshot: the timeout is not cut without it"),
                new Case("reserved concurrency without a peak", change(ARN, "orders-api", RESERVED_CONCURRENCY, "50"), tags(),
                        profile(643, MemorySource.LAMBDA_INSIGHTS, 1400.0, null),
                        "no peak concurrency in the run's snapshot: reserved concurrency is not set without it"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("applyCases")
    void refusesAChangeThatBreaksARuleCheckedAtApplyTimeAndAllowsItsNeighbours(Case c) {
        Optional<String> refusal = GUARDS.refusalToApply(c.change(), live(c.liveTags()), c.profile(),
                () -> new AccountConcurrency(1000, 150));
        assertEquals(Optional.ofNullable(c.refusal()), refusal);
    }

    static Stream<Arguments> restoreCases() {
        return Stream.of(
                Arguments.of("a ledger's before edited to 64 MB", MEMORY, "64", "memory '64' is not a whole number of MB from 128 to 10240"),
                Arguments.of("a ledger's before edited to 100000 s", TIMEOUT, "100000",
                        "timeout '100000' is not a whole number of seconds from 1 to 900"),
                Arguments.of("a ledger's before edited to another valid memory", MEMORY, "2048",
                        "the ledger's value to restore, 2048 MB, is not the 3008 MB the run's snapshot recorded"),
                Arguments.of("the memory the snapshot recorded", MEMORY, "3008", null),
                Arguments.of("the timeout the snapshot recorded", TIMEOUT, "300", null),
                Arguments.of("a ledger's before edited to 299 s", TIMEOUT, "299",
                        "the ledger's value to restore, 299 s, is not the 300 s the run's snapshot recorded"),
                Arguments.of("a retention of 4 days", LOG_RETENTION, "4",
                        "log retention '4' is not 'never' or a period CloudWatch Logs accepts (one of [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653])"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restoreCases")
    void checksTheValuesARollbackWouldWriteTheSameWay(String name, RecommendationKind kind, String before, String refusal) {
        Optional<String> found = GUARDS.refusalToRestore(change(ARN, "orders-api", kind, before), live(tags()),
                profile(643, MemorySource.LAMBDA_INSIGHTS, 1400.0, 40));
        assertEquals(Optional.ofNullable(refusal), found);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restoreCases")
    void withoutTheRunsSnapshotARollbackStillKeepsWithinAwsLimits(String name, RecommendationKind kind, String before, String refusal) {
        Optional<String> found = GUARDS.refusalToRestore(change(ARN, "orders-api", kind, before), live(tags()), null);
        boolean limitCase = refusal != null && !refusal.startsWith("the ledger's value");
        assertEquals(limitCase, found.isPresent(), found.toString());
    }
}
