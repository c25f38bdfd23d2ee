package io.fleetopt.notifier;

import io.fleetopt.core.model.DateRange;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.FunctionUsage;
import io.fleetopt.core.model.LearnedResponse;
import io.fleetopt.core.model.LearnedResponses;
import io.fleetopt.core.model.PendingMeasurement;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.FunctionUsageHistory;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.pricing.Pricing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Learns each changed function's response to memory. For the latest memory change fleetopt made to a function
 * (APPLIED in the ledger, not yet learned), it reads the function's usage in the week before the change and from
 * the day after it until today, a rollback or a later change, whichever is first; once that span has the policy's
 * invocations and hours ({@link LearningPolicy}), it fits the CPU share ({@link ResponseFit}) and prices both weeks
 * per million invocations. A change that has not run enough yet is kept as pending, so the analyzer waits for it;
 * one rolled back before it ran enough is neither learned nor pending (its span cannot grow). The changes of a run over
 * member accounts are neither learned nor pending: their usage is in the member accounts, and this account's metrics
 * of a function of the same name would be another function's.
 */
public final class ResponseLearner {

    static final String DEFAULT_ARCHITECTURE = "x86_64";
    private static final int BEFORE_DAYS = SavingsVerifier.WINDOW_DAYS;
    private static final BigDecimal MILLION_INVOCATIONS = BigDecimal.valueOf(1_000_000);

    private final FunctionUsageHistory usage;
    private final Pricing pricing;
    private final Function<String, Optional<FleetSnapshot>> snapshotOfRun;
    private final LearningPolicy policy;
    private final Clock clock;
    private final Predicate<String> isMemberRun;

    public ResponseLearner(FunctionUsageHistory usage, Pricing pricing, Function<String, Optional<FleetSnapshot>> snapshotOfRun,
                           LearningPolicy policy, Clock clock) {
        this(usage, pricing, snapshotOfRun, policy, clock, run -> false);
    }

    /** {@code isMemberRun} says which runs went over member accounts (they have a run index): their changes are not learned. */
    public ResponseLearner(FunctionUsageHistory usage, Pricing pricing, Function<String, Optional<FleetSnapshot>> snapshotOfRun,
                           LearningPolicy policy, Clock clock, Predicate<String> isMemberRun) {
        this.isMemberRun = isMemberRun;
        this.usage = usage;
        this.pricing = pricing;
        this.snapshotOfRun = snapshotOfRun;
        this.policy = policy;
        this.clock = clock;
    }

    /** What was learned now, the whole store's responses after it, and the paid metrics the reads took. */
    public record Learning(LearnedResponses responses, List<LearnedResponse> learnedNow, long metricsRead) {
    }

    public Learning learn(String runId, List<LedgerEntry> ledger, LearnedResponses known) {
        LocalDate today = LocalDate.now(clock);
        List<LearnedResponse> learned = new ArrayList<>();
        List<PendingMeasurement> pending = new ArrayList<>();
        List<Span> due = new ArrayList<>();
        Map<String, Boolean> memberRuns = new HashMap<>();
        List<LedgerEntry> ownAccount = ledger.stream()
                .filter(e -> !memberRuns.computeIfAbsent(e.runId(), isMemberRun::test)).toList();
        for (Span span : spans(runId, ownAccount, today)) {
            LedgerEntry change = span.change();
            if (known.hasLearned(change.runId(), change.itemId())) {
                continue;
            }
            long hours = 24L * span.after().days();
            if (span.endedEarly() && hours < policy.minHours()) {
                // rolled back before it ran long enough: its span cannot grow, and the function runs at its old
                // memory again, so nothing waits for it
                continue;
            }
            if (hours < policy.minHours()) {
                pending.add(pending(change, span, String.format(Locale.ROOT,
                        "%d h of whole days since the change, %d needed", hours, policy.minHours())));
                continue;
            }
            due.add(span);
        }
        // one read per distinct range, for all the functions that share it (a weekly run's changes share their days)
        Map<DateRange, List<String>> reads = new LinkedHashMap<>();
        for (Span span : due) {
            reads.computeIfAbsent(span.before(), r -> new ArrayList<>()).add(span.change().functionArn());
            reads.computeIfAbsent(span.after(), r -> new ArrayList<>()).add(span.change().functionArn());
        }
        Map<DateRange, Map<String, FunctionUsage>> read = new HashMap<>();
        long metricsRead = 0;
        for (Map.Entry<DateRange, List<String>> range : reads.entrySet()) {
            List<String> arns = range.getValue().stream().distinct().toList();
            Map<String, FunctionUsage> byArn = new HashMap<>();
            usage.usage(arns, range.getKey()).forEach(u -> byArn.put(u.functionArn(), u));
            read.put(range.getKey(), byArn);
            metricsRead += (long) arns.size() * usage.metricsPerFunction();
        }
        for (Span span : due) {
            LedgerEntry change = span.change();
            int memoryBefore = span.memoryBeforeMb();
            int memoryAfter = span.memoryAfterMb();
            FunctionUsage before = read.get(span.before()).getOrDefault(change.functionArn(), FunctionUsage.none(change.functionArn(), span.before()));
            FunctionUsage after = read.get(span.after()).getOrDefault(change.functionArn(), FunctionUsage.none(change.functionArn(), span.after()));
            if (!before.ran()) {
                pending.add(pending(change, span, "no invocations in the week before the change"));
                continue;
            }
            if (span.endedEarly() && after.invocations() < policy.minInvocations()) {
                continue;
            }
            if (!after.ran() || after.invocations() < policy.minInvocations()) {
                pending.add(pending(change, span, String.format(Locale.ROOT,
                        "%,d of %,d invocations since the change", after.invocations(), policy.minInvocations())));
                continue;
            }
            ResponseFit.Fitted fit = ResponseFit.fit(memoryBefore, memoryAfter, before, after);
            String architecture = architectureOf(change);
            learned.add(new LearnedResponse(change.functionArn(), change.functionName(), change.runId(), change.itemId(),
                    span.changedOn(), memoryBefore, memoryAfter, before, after,
                    perMillion(change.functionArn(), before.durationAvgMs(), memoryBefore, architecture),
                    perMillion(change.functionArn(), after.durationAvgMs(), memoryAfter, architecture),
                    fit.cpuShare(), fit.stdError(), fit.confidence(), span.endedEarly() ? span.after().toExclusive() : null));
        }
        return new Learning(known.with(learned, pending, clock.instant()), List.copyOf(learned), metricsRead);
    }

    /** The latest applied memory change of each function, with the span before it and after it. */
    private static List<Span> spans(String runId, List<LedgerEntry> ledger, LocalDate today) {
        Map<String, LedgerEntry> latest = new LinkedHashMap<>();
        ledger.stream().filter(e -> e.action() == LedgerAction.APPLIED && e.kind() == RecommendationKind.MEMORY
                        && !e.runId().equals(runId))
                .sorted(Comparator.comparing(LedgerEntry::at))
                .forEach(e -> latest.put(e.functionArn(), e));
        List<Span> spans = new ArrayList<>();
        for (LedgerEntry change : latest.values()) {
            LocalDate changedOn = LocalDate.ofInstant(change.at(), ZoneOffset.UTC);
            LocalDate end = today;
            boolean endedEarly = false;
            Optional<LocalDate> rolledBack = ledger.stream()
                    .filter(e -> e.action() == LedgerAction.ROLLED_BACK && e.runId().equals(change.runId())
                            && e.itemId().equals(change.itemId()))
                    .map(e -> LocalDate.ofInstant(e.at(), ZoneOffset.UTC)).min(LocalDate::compareTo);
            if (rolledBack.isPresent()) {
                // rolled back today counts too: the span ends there, whatever later days bring
                end = rolledBack.get().isBefore(end) ? rolledBack.get() : end;
                endedEarly = true;
            }
            // the day of the change ran partly at each memory: the span after starts the next day
            LocalDate afterFrom = changedOn.plusDays(1);
            DateRange after = new DateRange(afterFrom, end.isBefore(afterFrom) ? afterFrom : end);
            spans.add(new Span(change, changedOn, new DateRange(changedOn.minusDays(BEFORE_DAYS), changedOn), after, endedEarly));
        }
        return spans;
    }

    private record Span(LedgerEntry change, LocalDate changedOn, DateRange before, DateRange after, boolean endedEarly) {

        int memoryBeforeMb() {
            return Integer.parseInt(change.before());
        }

        int memoryAfterMb() {
            return Integer.parseInt(change.after());
        }
    }

    private static PendingMeasurement pending(LedgerEntry change, Span span, String reason) {
        return new PendingMeasurement(change.functionArn(), change.functionName(), change.runId(), span.changedOn(),
                span.memoryBeforeMb(), span.memoryAfterMb(), reason);
    }

    private String architectureOf(LedgerEntry change) {
        return snapshotOfRun.apply(change.runId()).flatMap(s -> s.functions().stream()
                        .filter(p -> p.arn().equals(change.functionArn())).findFirst())
                .map(FunctionProfile::config).map(c -> c.architecture()).orElse(DEFAULT_ARCHITECTURE);
    }

    /** The billed cost of a million invocations at this duration and memory, in the function's region. */
    private BigDecimal perMillion(String functionArn, double averageDurationMs, int memoryMb, String architecture) {
        Pricing prices = pricing.in(SavingsVerifier.regionOf(functionArn));
        return prices.computeUsd(MILLION_INVOCATIONS.longValue(), averageDurationMs, memoryMb, architecture)
                .add(prices.requestsUsd(MILLION_INVOCATIONS.longValue())).setScale(4, java.math.RoundingMode.HALF_UP);
    }
}
