package io.fleetopt.core.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The demo account's fleet: a batch of typical unoptimized functions whose traffic, duration and memory
 * use are drawn from a seeded generator, plus one function for every case the analyzer must handle.
 */
public final class DemoFleet {

    public static final long DEFAULT_SEED = 20261102L;
    /** A runtime supported well past the demo's calendar, so only the runtime cases get a runtime finding. */
    static final String CURRENT_RUNTIME = "nodejs24.x";

    private static final List<String> UNOPTIMIZED_NAMES = List.of(
            "orders-api", "payments-webhook", "inventory-sync", "user-profile-api", "cart-service",
            "notifications-fanout", "search-indexer", "thumbnail-maker", "audit-logger", "session-cleaner",
            "price-calculator", "shipping-quotes", "recommendations-api", "invoice-generator", "feature-flags-api",
            "geo-lookup");

    /**
     * The part of the duration that is CPU work, for the functions that compute; the others wait on other services.
     * Without Lambda Insights nothing shows it until a memory change does: price-calculator's first step (3,008 to
     * 1,536 MB) makes it about 48 % slower; search-indexer's about 10 %, so it goes on in steps the latency guard sizes.
     */
    static final Map<String, Double> HIDDEN_CPU_SHARES = Map.of("price-calculator", 0.5, "search-indexer", 0.1);

    private DemoFleet() {
    }

    public static List<DemoFunctionSpec> generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<DemoFunctionSpec> fleet = new ArrayList<>();
        for (String name : UNOPTIMIZED_NAMES) {
            long dailyInvocations = Math.round(Math.pow(10, 3.3 + random.nextDouble() * 2.7));
            double averageDurationMs = 40 + Math.round(random.nextDouble() * 860);
            int maxMemoryUsedMb = 90 + random.nextInt(560);
            fleet.add(DemoFunctionSpec.unoptimized(name, dailyInvocations, averageDurationMs, maxMemoryUsedMb)
                    .runtime(CURRENT_RUNTIME).tag("env", random.nextBoolean() ? "prod" : "dev")
                    .cpuShare(HIDDEN_CPU_SHARES.getOrDefault(name, 0.0)).build());
        }
        fleet.addAll(wellConfigured());
        fleet.addAll(specialCases());
        return fleet;
    }

    /** Functions that are already right: no rule may propose anything for them. */
    static List<DemoFunctionSpec> wellConfigured() {
        return Stream.of(
                DemoFunctionSpec.unoptimized("auth-token-api", 400_000, 35, 150)
                        .memoryMb(192).timeoutSeconds(3).logRetentionDays(30).activeTracing().tag("env", "prod"),
                DemoFunctionSpec.unoptimized("config-reader", 50_000, 20, 100)
                        .memoryMb(128).timeoutSeconds(3).logRetentionDays(14).tag("env", "dev"),
                DemoFunctionSpec.unoptimized("events-consumer-arm", 120_000, 80, 300)
                        .arm64().memoryMb(384).timeoutSeconds(3).logRetentionDays(30).tag("env", "dev"),
                DemoFunctionSpec.unoptimized("queue-drainer", 30_000, 600, 420)
                        .memoryMb(512).timeoutSeconds(6).logRetentionDays(30).asyncInvoked()
                        .deadLetterQueue("arn:aws:sqs:us-east-1:123456789012:queue-drainer-dlq").tag("env", "dev"))
                .map(spec -> spec.runtime(CURRENT_RUNTIME).build()).toList();
    }

    /** One function for each case the analyzer handles; the comment names the rule or guard it exercises. */
    private static List<DemoFunctionSpec> specialCases() {
        return List.of(
                DemoFunctionSpec.unoptimized("legacy-batch", 20_000, 400, 200).runtime(CURRENT_RUNTIME).tag("fleetopt:skip", "true").build(),
                DemoFunctionSpec.unoptimized("new-feature-api", 60_000, 90, 180).runtime(CURRENT_RUNTIME).daysOfData(4).build(),
                DemoFunctionSpec.unoptimized("admin-reports", 3, 1_500, 220).runtime(CURRENT_RUNTIME).build(),
                DemoFunctionSpec.unoptimized("image-resizer-v1", 15_000, 700, 0).runtime(CURRENT_RUNTIME).noMemorySource().build(),
                DemoFunctionSpec.unoptimized("pdf-renderer", 8_000, 2_400, 410).runtime(CURRENT_RUNTIME).cpuBound().build(),
                DemoFunctionSpec.unoptimized("reports-python39", 5_000, 300, 160).runtime("python3.9").build(),
                DemoFunctionSpec.unoptimized("email-sender", 40_000, 250, 190).runtime(CURRENT_RUNTIME).asyncInvoked().tag("env", "prod").build(),
                DemoFunctionSpec.unoptimized("orders-api-cfn", 90_000, 120, 260).runtime(CURRENT_RUNTIME)
                        .tag("aws:cloudformation:stack-name", "orders-stack").build(),
                DemoFunctionSpec.unoptimized("checkout-worker", 250_000, 150, 240).runtime(CURRENT_RUNTIME)
                        .reservedConcurrency(5).throttlesPerDay(1_800).build(),
                DemoFunctionSpec.unoptimized("search-warm", 20_000, 60, 300).runtime(CURRENT_RUNTIME)
                        .memoryMb(1024).timeoutSeconds(10).logRetentionDays(30).provisioned(20, 0.06).build(),
                DemoFunctionSpec.unoptimized("fleetopt-collector", 1, 60_000, 700).runtime(CURRENT_RUNTIME)
                        .tag("fleetopt:component", "collector").build(),
                // MEMORY increase: max used within 10 % of the configured memory
                DemoFunctionSpec.unoptimized("memory-tight-api", 30_000, 120, 250).runtime(CURRENT_RUNTIME)
                        .memoryMb(256).timeoutSeconds(3).logRetentionDays(30).tag("env", "dev").build(),
                // TIMEOUT increase and ERRORS: its longest invocations run into a 3 s timeout
                DemoFunctionSpec.unoptimized("slow-export", 6_000, 1_500, 300).runtime(CURRENT_RUNTIME)
                        .memoryMb(384).timeoutSeconds(3).logRetentionDays(30).tag("env", "dev").build(),
                // ERRORS: a partner API that fails one call in six
                DemoFunctionSpec.unoptimized("partner-sync", 8_000, 200, 150).runtime(CURRENT_RUNTIME).errorRate(0.16)
                        .memoryMb(192).timeoutSeconds(3).logRetentionDays(30).tag("env", "dev").build(),
                // RUNTIME within 180 days of end of support (MEDIUM); reports-python39 is past it (HIGH)
                DemoFunctionSpec.unoptimized("billing-dotnet8", 4_000, 150, 200).runtime("dotnet8")
                        .memoryMb(256).timeoutSeconds(3).logRetentionDays(30).tag("env", "dev").build(),
                // tag overrides: a minimum memory, a retention, and a bad headroom value that is reported and ignored
                DemoFunctionSpec.unoptimized("ledger-writer", 50_000, 180, 200).runtime(CURRENT_RUNTIME)
                        .tag("fleetopt:min-memory", "1024").tag("fleetopt:retention-days", "365")
                        .tag("fleetopt:headroom", "lots").build());
    }
}
