package io.fleetopt.applier;

import io.fleetopt.core.change.SettingKind;
import io.fleetopt.core.change.SettingKinds;
import io.fleetopt.core.model.AccountConcurrency;
import io.fleetopt.core.model.FunctionMetrics;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.core.port.FunctionSettings;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rules every change is checked against where it is made, just before anything is written, none of them taken
 * from the plan: the kind is one the applier changes, the ARN and name agree, the function is in the deployment's
 * scope (regions, tags, names), is not the optimizer's own and is not tagged to be skipped (tags read live), the value
 * is within AWS's limits, and above the safety floors recomputed from the run's snapshot. A refusal is the rule's
 * reason, in words a person can act on.
 */
public final class ApplyGuards {

    private final GuardSettings settings;

    public ApplyGuards(GuardSettings settings) {
        this.settings = settings;
    }

    public GuardSettings settings() {
        return settings;
    }

    /**
     * Why {@code change} must not be applied to a function whose live settings are {@code live}, given what the run's
     * snapshot saw of it ({@code profile}, null when the snapshot does not have it); empty when it may.
     */
    Optional<String> refusalToApply(ProposedChange change, FunctionSettings live, FunctionProfile profile,
                                    Supplier<AccountConcurrency> account) {
        Optional<String> common = commonRefusal(change, live);
        if (common.isPresent()) {
            return common;
        }
        if (profile == null) {
            return Optional.of(change.functionName() + " is not in the run's snapshot: no evidence to check the change against");
        }
        return floorRefusal(change, live, profile, account);
    }

    /**
     * Why restoring {@code change.value()} (a ledger's before-value) must not be written: the same rules as an apply,
     * and the value must be the one the run's snapshot recorded, when it recorded one.
     */
    Optional<String> refusalToRestore(ProposedChange change, FunctionSettings live, FunctionProfile profile) {
        Optional<String> common = commonRefusal(change, live);
        if (common.isPresent() || profile == null) {
            return common;
        }
        Optional<String> recorded = recordedValue(change, profile);
        if (recorded.isPresent() && !recorded.get().equals(change.value())) {
            return Optional.of("the ledger's value to restore, " + display(change, change.value())
                    + ", is not the " + display(change, recorded.get()) + " the run's snapshot recorded");
        }
        return Optional.empty();
    }

    private Optional<String> commonRefusal(ProposedChange change, FunctionSettings live) {
        Optional<SettingKind> kind = SettingKinds.of(change.kind());
        if (kind.isEmpty()) {
            return Optional.of(change.kind().label() + " is a finding for the function's owner; the applier does not change it");
        }
        Optional<FunctionArn> arn = FunctionArn.parse(change.functionArn());
        if (arn.isEmpty()) {
            return Optional.of("'" + change.functionArn() + "' is not an unqualified Lambda function ARN");
        }
        if (!arn.get().name().equals(change.functionName())) {
            return Optional.of("the ARN names function " + arn.get().name() + " but the item names " + change.functionName());
        }
        if (!settings.regions().isEmpty() && !settings.regions().contains(arn.get().region())) {
            return Optional.of(change.functionName() + " is in " + arn.get().region() + ", outside the configured regions "
                    + String.join(", ", settings.regions()));
        }
        if (live.taggedOptimizersOwn() || change.functionName().startsWith(settings.ownNamePrefix())) {
            return Optional.of(change.functionName() + " is the optimizer's own function");
        }
        if (live.taggedSkip()) {
            return Optional.of(change.functionName() + " is tagged fleetopt:skip=true");
        }
        Optional<String> scope = settings.scope().exclusionReason(change.functionName(), live.tags());
        if (scope.isPresent()) {
            return Optional.of(change.functionName() + " is " + scope.get());
        }
        return kind.get().limitProblem(change.value());
    }

    private Optional<String> floorRefusal(ProposedChange change, FunctionSettings live, FunctionProfile profile,
                                          Supplier<AccountConcurrency> account) {
        FunctionMetrics metrics = profile.metrics();
        return switch (change.kind()) {
            case MEMORY -> memoryFloor(Integer.parseInt(change.value()), live.memoryMb(), metrics);
            case TIMEOUT -> timeoutFloor(Integer.parseInt(change.value()), live.timeoutSeconds(), metrics);
            case RESERVED_CONCURRENCY -> reservedFloor(SettingValues.parseOptional(change.value()), live.reservedConcurrency(),
                    metrics, account);
            case LOG_RETENTION, TRACING, PROVISIONED_CONCURRENCY, DLQ, ALARMS, RUNTIME, ARCHITECTURE, ERRORS -> Optional.empty();
        };
    }

    /** The least memory a cut may leave: max used plus headroom, and never below Lambda's 128 MB. */
    public static int memoryFloorMb(int maxUsedMb, int headroomPercent) {
        return (int) Math.max(128, (long) Math.ceil(maxUsedMb * (100.0 + headroomPercent) / 100.0));
    }

    /** The least timeout a cut may leave: the longest observed invocation times the factor, in whole seconds. */
    public static int timeoutFloorSeconds(double maxDurationMs, double factor) {
        return (int) Math.max(1, Math.ceil(maxDurationMs * factor / 1000.0));
    }

    private Optional<String> memoryFloor(int toMb, int liveMb, FunctionMetrics metrics) {
        if (toMb >= liveMb) {
            return Optional.empty();
        }
        if (metrics.memorySource() == MemorySource.NONE || metrics.maxMemoryUsedMb() == null) {
            return Optional.of("no memory use in the run's snapshot: memory is not cut without it");
        }
        int floor = memoryFloorMb(metrics.maxMemoryUsedMb(), settings.headroomPercent());
        if (toMb < floor) {
            return Optional.of(String.format(Locale.ROOT, "%d MB is below the max memory used, %d MB, plus %d %% headroom (%d MB)",
                    toMb, metrics.maxMemoryUsedMb(), settings.headroomPercent(), floor));
        }
        return Optional.empty();
    }

    private Optional<String> timeoutFloor(int toSeconds, int liveSeconds, FunctionMetrics metrics) {
        if (toSeconds >= liveSeconds) {
            return Optional.empty();
        }
        Double longest = metrics.durationMaxMs();
        if (longest == null) {
            return Optional.of("no longest invocation in the run's snapshot: the timeout is not cut without it");
        }
        int floor = timeoutFloorSeconds(longest, settings.timeoutFloorFactor());
        if (toSeconds < floor) {
            return Optional.of(String.format(Locale.ROOT, "%d s is below the longest observed invocation, %.0f ms, times %s (%d s)",
                    toSeconds, longest, factorText(), floor));
        }
        return Optional.empty();
    }

    private Optional<String> reservedFloor(Integer to, Integer live, FunctionMetrics metrics, Supplier<AccountConcurrency> account) {
        if (to == null) {
            return Optional.empty();
        }
        int liveReserved = live == null ? 0 : live;
        if (to < liveReserved || live == null) {
            Integer peak = metrics.peakConcurrency();
            if (peak == null) {
                return Optional.of("no peak concurrency in the run's snapshot: reserved concurrency is not set without it");
            }
            if (to < peak) {
                return Optional.of("reserved concurrency " + to + " is below the peak concurrency seen, " + peak
                        + ": the function would be throttled");
            }
        }
        if (to > liveReserved) {
            int unreservedAfter = account.get().unreservedConcurrentExecutions() + liveReserved - to;
            if (unreservedAfter < settings.minUnreservedConcurrency()) {
                return Optional.of("reserving " + to + " would leave the account " + unreservedAfter
                        + " unreserved concurrency; at least " + settings.minUnreservedConcurrency() + " must stay");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> recordedValue(ProposedChange change, FunctionProfile profile) {
        return SettingKinds.of(change.kind()).flatMap(kind -> kind.recordedValue(profile.config()));
    }

    private String factorText() {
        double f = settings.timeoutFloorFactor();
        return f == Math.rint(f) ? Integer.toString((int) f) : Double.toString(f);
    }

    private static String display(ProposedChange change, String value) {
        return SettingValues.display(change.kind(), value);
    }
}
