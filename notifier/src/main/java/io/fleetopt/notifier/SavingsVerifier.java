package io.fleetopt.notifier;

import io.fleetopt.core.model.ChangeSetSavings;
import io.fleetopt.core.model.CostExplorerUse;
import io.fleetopt.core.model.DateRange;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.FunctionSavings;
import io.fleetopt.core.model.FunctionUsage;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.model.SavingsStatus;
import io.fleetopt.core.model.WeekSavings;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.CostHistory;
import io.fleetopt.core.port.DailyCost;
import io.fleetopt.core.port.FunctionCosts;
import io.fleetopt.core.port.FunctionNotFoundException;
import io.fleetopt.core.port.FunctionSettingsReader;
import io.fleetopt.core.port.FunctionTrafficReader;
import io.fleetopt.core.port.ChangeFailedException;
import io.fleetopt.core.port.FunctionUsageHistory;
import io.fleetopt.core.port.LambdaCosts;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.pricing.Pricing;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Confirms what earlier runs' changes really save. Each change set a week old or more (for five weeks) is measured
 * per function: this week's invocations priced as the function ran in the week before its change and as it runs
 * now ({@link UsageNormalization}), so the figure is the saving at this week's traffic. Changes rolled back,
 * drifted away or changed again since count zero, and say so. The account's daily Lambda cost from Cost Explorer
 * (read once per run, whatever the number of change sets) cross-checks each figure; {@link ConfidenceRules} say
 * how far it can be trusted. A change of a run over member accounts is measured by the same rule, from what its
 * account's member role reads in its region ({@link MemberAccountReaders}: usage, live settings, aliases), and
 * cross-checked with the Lambda cost of the run's member accounts ({@link CostHistory#dailyLambdaCostOfAccounts});
 * where that account cannot be read, its changes are listed as not measured, saying why
 * ({@link #MEMBER_ACCOUNT_NOT_READ}), and the others are still measured.
 */
public final class SavingsVerifier {

    static final int WINDOW_DAYS = ConfidenceRules.FULL_WINDOW_DAYS;
    static final int WEEKS_REPORTED = 5;
    static final String DEFAULT_ARCHITECTURE = "x86_64";
    /** How a change in a member account that could not be read is listed (the reason follows). */
    public static final String MEMBER_ACCOUNT_NOT_READ = "not measured (its member account could not be read)";
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final MathContext PRECISION = MathContext.DECIMAL64;

    private final CostHistory costs;
    private final FunctionUsageHistory usage;
    private final FunctionSettingsReader live;
    private final FunctionTrafficReader traffic;
    private final UsageNormalization normalization;
    private final Function<String, Optional<FleetSnapshot>> snapshotOfRun;
    private final Predicate<String> memberRun;
    private final Map<String, Boolean> memberRuns = new java.util.concurrent.ConcurrentHashMap<>();
    private final MemberRuns members;
    private final Source home;
    /** Per verification: each member (account, region)'s reads, opened once; the paid metrics read. */
    private final Map<String, Source> sources = new HashMap<>();
    private long metricsRead;
    private final Clock clock;

    /**
     * The runs over member accounts: which runs are ({@code isMemberRun}: they have a run index), the snapshot of one
     * of their (account, region)s, and the member accounts' reads ({@code readers}; null where no member role is
     * configured, and then their changes are not measured, saying so).
     */
    public record MemberRuns(Predicate<String> isMemberRun, TargetSnapshots snapshots, @Nullable MemberAccountReaders readers) {
        public static final MemberRuns NONE = new MemberRuns(run -> false, (run, account, region) -> Optional.empty(), null);
    }

    /** The snapshot a run over member accounts took of one (account, region). */
    public interface TargetSnapshots {
        Optional<FleetSnapshot> snapshot(String runId, String accountId, String region);
    }

    /**
     * Where a change's function is read: the deployment's own adapters, or a member account's through its role, or
     * why that account cannot be read ({@code unreadable}; the readers are then null).
     */
    private record Source(@Nullable List<String> accounts, @Nullable FunctionUsageHistory usage, @Nullable FunctionSettingsReader live,
                          @Nullable FunctionTrafficReader traffic, @Nullable String unreadable) {
    }

    /**
     * {@code live} (may be null) re-reads a function's settings to see drift; {@code traffic} (may be null) reads its
     * aliases to see a change that never reached traffic; {@code snapshotOfRun} finds the snapshot a run planned on
     * (architecture, region, memory used, tags).
     */
    public SavingsVerifier(CostHistory costs, FunctionUsageHistory usage, @Nullable FunctionSettingsReader live,
                           @Nullable FunctionTrafficReader traffic, Pricing pricing,
                           Function<String, Optional<FleetSnapshot>> snapshotOfRun, Clock clock) {
        this(costs, usage, live, traffic, pricing, snapshotOfRun, MemberRuns.NONE, clock);
    }

    /**
     * {@code members} says which runs went over member accounts: their changes are in member accounts, whose usage,
     * settings and aliases are read through each account's member role in the function's region.
     */
    public SavingsVerifier(CostHistory costs, FunctionUsageHistory usage, @Nullable FunctionSettingsReader live,
                           @Nullable FunctionTrafficReader traffic, Pricing pricing,
                           Function<String, Optional<FleetSnapshot>> snapshotOfRun, MemberRuns members, Clock clock) {
        // asked per change: each run's answer (a read of its index) is kept for the verification under way
        this.memberRun = run -> memberRuns.computeIfAbsent(run, members.isMemberRun()::test);
        this.members = members;
        this.home = new Source(null, usage, live, traffic, null);
        this.costs = costs;
        this.usage = usage;
        this.live = live;
        this.traffic = traffic;
        this.normalization = new UsageNormalization(pricing);
        this.snapshotOfRun = snapshotOfRun;
        this.clock = clock;
    }

    /** The ledger entries a verification needs start here: the oldest change it reports, a week before that for overlaps. */
    public java.time.Instant ledgerWindowStart() {
        return LocalDate.now(clock).minusWeeks(WEEKS_REPORTED + 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** ... and end with today. */
    public java.time.Instant ledgerWindowEnd() {
        return LocalDate.now(clock).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public SavingsReport verify(String runId, List<LedgerEntry> ledger, List<WeekSavings> earlierWeeks) {
        memberRuns.clear();
        sources.clear();
        metricsRead = 0;
        LocalDate today = LocalDate.now(clock);
        DateRange thisWeek = new DateRange(today.minusDays(WINDOW_DAYS), today);
        Map<String, List<LedgerEntry>> appliedByRun = appliedByRun(ledger);
        Map<String, LedgerEntry> latest = new HashMap<>();
        ChangeLedger.latestPerItem(ledger).forEach(e -> latest.put(e.runId() + "/" + e.itemId(), e));

        List<String> due = appliedByRun.keySet().stream().filter(run -> !run.equals(runId)).filter(run -> {
            LocalDate appliedOn = appliedOn(appliedByRun.get(run));
            return !appliedOn.plusDays(WINDOW_DAYS).isAfter(today) && appliedOn.isAfter(today.minusWeeks(WEEKS_REPORTED));
        }).toList();

        List<ChangeSetSavings> changeSets = new ArrayList<>();
        CostExplorerUse costExplorer = CostExplorerUse.of(0, "none", "not read: no change set is a week old yet", null);
        if (!due.isEmpty()) {
            LocalDate earliest = due.stream().map(run -> appliedOn(appliedByRun.get(run))).min(LocalDate::compareTo).orElseThrow();
            LambdaCosts lambdaCosts = costs.dailyLambdaCost(earliest.minusDays(WINDOW_DAYS), today);
            Map<List<String>, LambdaCosts> memberCosts = new LinkedHashMap<>();
            for (String run : due) {
                List<String> accounts = memberAccountsRead(run, appliedByRun);
                if (!accounts.isEmpty()) {
                    memberCosts.computeIfAbsent(accounts, a -> costs.dailyLambdaCostOfAccounts(a, earliest.minusDays(WINDOW_DAYS), today));
                }
            }
            Map<String, FunctionUsage> usageThisWeek = usageOf(due, appliedByRun, thisWeek);
            List<String> changedMemory = List.copyOf(usageThisWeek.keySet().stream().sorted().toList());
            Map<String, Map<String, FunctionProfile>> profilesByRun = new HashMap<>();
            due.forEach(run -> profilesByRun.put(run, profiles(run, appliedByRun)));
            FunctionCosts byFunction = changedMemory.isEmpty()
                    ? FunctionCosts.unavailable(0, "no memory change to cross-check")
                    : costs.lambdaCostByFunction(thisWeek, tagsOf(changedMemory, due, profilesByRun));
            int memberCalls = memberCosts.values().stream().mapToInt(LambdaCosts::apiCalls).sum();
            String memberLevel = memberCosts.entrySet().stream().map(e -> "; member accounts " + String.join(", ", e.getKey()) + ": "
                    + (e.getValue().isAvailable() ? e.getValue().level() : "not cross-checked (" + e.getValue().unavailable() + ")"))
                    .collect(java.util.stream.Collectors.joining());
            costExplorer = CostExplorerUse.of(lambdaCosts.apiCalls() + byFunction.apiCalls() + memberCalls, lambdaCosts.source(),
                    lambdaCosts.level() + (byFunction.isAvailable() ? "; each changed function's cost this week " + byFunction.level()
                            : "; no per-function cross-check: " + byFunction.unavailable()) + memberLevel, lambdaCosts.unavailable());
            for (String run : due) {
                List<String> accounts = memberAccountsRead(run, appliedByRun);
                LambdaCosts costsOfRun = memberRun.test(run)
                        ? accounts.isEmpty() ? LambdaCosts.unavailable(0, lambdaCosts.source(), "none", "none of its member accounts could be read")
                        : memberCosts.get(accounts) : lambdaCosts;
                changeSets.add(changeSet(run, appliedByRun, latest, thisWeek, usageThisWeek, costsOfRun, byFunction,
                        profilesByRun.get(run)));
            }
        }
        BigDecimal realized = changeSets.stream().map(ChangeSetSavings::realizedMonthlyUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new SavingsReport(SavingsReport.SCHEMA_VERSION, runId, clock.instant(), List.copyOf(changeSets),
                Pricing.cents(realized), costExplorer, metricsRead, weeks(runId, appliedByRun, changeSets, earlierWeeks));
    }

    private ChangeSetSavings changeSet(String run, Map<String, List<LedgerEntry>> appliedByRun, Map<String, LedgerEntry> latest,
                                       DateRange thisWeek, Map<String, FunctionUsage> usageThisWeek, LambdaCosts lambdaCosts,
                                       FunctionCosts byFunction, Map<String, FunctionProfile> profiles) {
        List<LedgerEntry> changes = appliedByRun.get(run);
        LocalDate appliedOn = appliedOn(changes);
        DateRange before = new DateRange(appliedOn.minusDays(WINDOW_DAYS), appliedOn);
        Map<String, FunctionUsage> usageBefore = usageOf(List.of(run), appliedByRun, before);
        boolean member = memberRun.test(run);
        List<String> accounts = memberAccountsRead(run, appliedByRun);

        List<FunctionSavings> functions = new ArrayList<>();
        List<String> partlyInTraffic = new ArrayList<>();
        for (LedgerEntry change : changes) {
            functions.add(function(change, latest.get(run + "/" + change.itemId()), appliedByRun, profiles.get(change.functionArn()),
                    usageBefore.get(change.functionArn()), usageThisWeek.get(change.functionArn()), partlyInTraffic));
        }
        List<String> disagreeing = new ArrayList<>();
        if (byFunction.isAvailable()) {
            functions.replaceAll(f -> withFunctionLevelCost(f, byFunction, thisWeek, lambdaCosts.source(), disagreeing));
        }
        List<FunctionSavings> measured = functions.stream().filter(f -> f.status() == SavingsStatus.MEASURED).toList();
        BigDecimal estimated = changes.stream().map(LedgerEntry::estimatedMonthlySavingUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal realized = measured.stream().map(FunctionSavings::realizedMonthlyUsd).reduce(BigDecimal.ZERO, BigDecimal::add);

        long invocationsBefore = measured.stream().mapToLong(f -> f.usageBefore().invocations()).sum();
        long invocationsAfter = measured.stream().mapToLong(f -> f.usageAfter().invocations()).sum();
        Double trafficChange = invocationsBefore == 0 ? null : (double) invocationsAfter / invocationsBefore - 1;
        int fewestDays = measured.stream().mapToInt(f -> Math.min(f.usageBefore().daysWithData(), f.usageAfter().daysWithData()))
                .min().orElse(WINDOW_DAYS);
        Set<String> measuredArns = new LinkedHashSet<>(measured.stream().map(FunctionSavings::functionArn).toList());
        List<String> overlapping = otherRunsChangingMemory(run, appliedByRun, before.from(), thisWeek.toExclusive(), measuredArns::contains);
        // a member change set's cost is its member accounts' (the linked-account filter): other runs count there only
        List<String> anywhere = otherRunsChangingMemory(run, appliedByRun, before.from(), thisWeek.toExclusive(),
                arn -> !member || accounts.contains(accountOf(arn)));

        CostExplorerFigure ce = costExplorerFigure(lambdaCosts, before, thisWeek, anywhere);
        ConfidenceRules.Verdict verdict = ConfidenceRules.judge(new ConfidenceRules.Evidence(!measured.isEmpty(), trafficChange,
                fewestDays, overlapping, realized, lambdaCosts.source(), ce.monthlyUsd(), ce.notCrossChecked(), ce.mixedRuns(),
                List.copyOf(disagreeing), List.copyOf(partlyInTraffic)));
        String explanation = "Measured from " + measured.size() + " of " + changes.size() + " changes' function usage in "
                + (member && !accounts.isEmpty() ? "member account" + (accounts.size() == 1 ? " " : "s ") + String.join(", ", accounts)
                + " (read through their member role) in " : "")
                + before.display() + " (before) and " + thisWeek.display() + " (this week), priced at this week's traffic"
                + (ce.monthlyUsd() == null ? "." : "; Lambda cost per million requests went from " + Money.usd(ce.perMillionBefore())
                + " to " + Money.usd(ce.perMillionAfter()) + " in " + lambdaCosts.source() + ".")
                + (!member && live == null ? " Live settings were not re-read, so drift is not checked." : "")
                + (!member && traffic == null ? " Aliases were not read, so a change that never reached traffic is not seen." : "");
        return new ChangeSetSavings(run, appliedOn, changes.size(), Pricing.cents(estimated), Pricing.cents(realized),
                ce.monthlyUsd() == null ? null : Pricing.cents(ce.monthlyUsd()),
                ce.perMillionBefore() == null ? null : Pricing.cents(ce.perMillionBefore()),
                ce.perMillionAfter() == null ? null : Pricing.cents(ce.perMillionAfter()),
                before, thisWeek, WINDOW_DAYS, verdict.confidence(), explanation, verdict.notes(), List.copyOf(functions));
    }

    private FunctionSavings function(LedgerEntry change, LedgerEntry latestOfItem, Map<String, List<LedgerEntry>> appliedByRun,
                                     FunctionProfile profile, FunctionUsage before, FunctionUsage after, List<String> partlyInTraffic) {
        String architecture = profile == null ? null : profile.config().architecture();
        Integer maxMemoryUsedMb = profile == null ? null : profile.metrics().maxMemoryUsedMb();
        BigDecimal estimated = Pricing.cents(change.estimatedMonthlySavingUsd());
        if (latestOfItem != null && latestOfItem.action() == LedgerAction.ROLLED_BACK) {
            return zero(change, SavingsStatus.ROLLED_BACK, architecture, maxMemoryUsedMb, before, after,
                    "rolled back on " + LocalDate.ofInstant(latestOfItem.at(), ZoneOffset.UTC) + " by " + latestOfItem.actor());
        }
        Optional<LedgerEntry> later = laterChangeOfSameSetting(change, appliedByRun);
        if (later.isPresent()) {
            return zero(change, SavingsStatus.SUPERSEDED, architecture, maxMemoryUsedMb, before, after, "run " + later.get().runId()
                    + " changed it again on " + LocalDate.ofInstant(later.get().at(), ZoneOffset.UTC) + "; that change is measured instead");
        }
        Source source = sourceOf(change.runId(), change.functionArn());
        if (source.unreadable() != null) {
            return zero(change, SavingsStatus.NOT_MEASURED, architecture, maxMemoryUsedMb, before, after, MEMBER_ACCOUNT_NOT_READ
                    + ": " + source.unreadable() + "; its estimate of " + Money.usd(estimated) + "/month is not confirmed here");
        }
        LiveCheck drift = drift(change, source.live());
        if (drift.status() != null) {
            return zero(change, drift.status(), architecture, maxMemoryUsedMb, before, after, drift.note());
        }
        LiveCheck reach = reach(change, source.traffic());
        if (reach.status() != null) {
            return zero(change, reach.status(), architecture, maxMemoryUsedMb, before, after, reach.note());
        }
        String unchecked = String.join("; ", java.util.stream.Stream.of(drift.note(), reach.note()).filter(n -> !n.isEmpty()).toList());
        if (change.kind() != RecommendationKind.MEMORY) {
            return zero(change, SavingsStatus.NOT_MEASURED, architecture, maxMemoryUsedMb, before, after,
                    withNote("a " + change.kind().label() + " change does not show in Lambda's compute cost; its estimate of "
                            + Money.usd(estimated) + "/month is not confirmed here", unchecked));
        }
        if (before == null || after == null || !before.ran() || !after.ran()) {
            return zero(change, SavingsStatus.NO_TRAFFIC, architecture, maxMemoryUsedMb, before, after,
                    withNote("it did not run in the week before the change or this week: nothing to measure", unchecked));
        }
        String priceAs = architecture == null ? DEFAULT_ARCHITECTURE : architecture;
        UsageNormalization.Measured measured = normalization.measure(Integer.parseInt(change.before()), Integer.parseInt(change.after()),
                priceAs, regionOf(change.functionArn()), before, after);
        if (reach.partlyInTraffic()) {
            partlyInTraffic.add(change.functionName());
        }
        String note = withNote(architecture == null ? "architecture unknown (no snapshot of run " + change.runId() + "): priced as x86_64" : "",
                unchecked);
        return new FunctionSavings(change.functionArn(), change.functionName(), change.itemId(), change.kind(), SavingsStatus.MEASURED,
                change.before(), change.after(), architecture, maxMemoryUsedMb, before, after, measured.costBeforeMonthlyUsd(),
                measured.costAfterMonthlyUsd(), estimated, measured.realizedMonthlyUsd(), note);
    }

    /** Where a change of {@code run} to {@code functionArn} is read: here, or in its member account through its role. */
    private Source sourceOf(String run, String functionArn) {
        if (!memberRun.test(run)) {
            return home;
        }
        String account = accountOf(functionArn);
        String region = regionOf(functionArn);
        return sources.computeIfAbsent(account + "/" + region, key -> {
            if (members.readers() == null) {
                return new Source(List.of(account), null, null, null, "account " + account + " is read only through its member role, "
                        + "and this check has none configured (fleetopt.organization.external-id is not set)");
            }
            try {
                MemberAccountReaders.Readers readers = members.readers().open(account, region);
                return new Source(List.of(account), readers.usage(), readers.live(), readers.traffic(), null);
            } catch (MemberAccountUnreadableException e) {
                return new Source(List.of(account), null, null, null, e.getMessage());
            }
        });
    }

    /** The member accounts of {@code run}'s memory changes that could be read, sorted; none for a run in this account. */
    private List<String> memberAccountsRead(String run, Map<String, List<LedgerEntry>> appliedByRun) {
        if (!memberRun.test(run)) {
            return List.of();
        }
        return appliedByRun.get(run).stream().filter(e -> e.kind() == RecommendationKind.MEMORY)
                .filter(e -> sourceOf(run, e.functionArn()).unreadable() == null)
                .map(e -> accountOf(e.functionArn())).distinct().sorted().toList();
    }

    /**
     * The usage over {@code days} of the functions whose memory {@code runs} changed, each read where it is (a member
     * account that cannot be read has none); the paid metrics it took are counted.
     */
    private Map<String, FunctionUsage> usageOf(List<String> runs, Map<String, List<LedgerEntry>> appliedByRun, DateRange days) {
        Map<Source, Set<String>> bySource = new LinkedHashMap<>();
        for (String run : runs) {
            for (LedgerEntry e : appliedByRun.get(run)) {
                Source source = e.kind() == RecommendationKind.MEMORY ? sourceOf(run, e.functionArn()) : null;
                if (source != null && source.usage() != null) {
                    bySource.computeIfAbsent(source, s -> new LinkedHashSet<>()).add(e.functionArn());
                }
            }
        }
        Map<String, FunctionUsage> out = new HashMap<>();
        bySource.forEach((source, arns) -> {
            out.putAll(byArn(source.usage().usage(List.copyOf(arns), days)));
            metricsRead += (long) arns.size() * source.usage().metricsPerFunction();
        });
        return out;
    }

    /** The account in a function ARN (arn:aws:lambda:region:ACCOUNT:function:name), or "unknown". */
    static String accountOf(String functionArn) {
        String[] parts = functionArn.split(":");
        return parts.length > 4 && !parts[4].isEmpty() ? parts[4] : "unknown";
    }

    private static FunctionSavings zero(LedgerEntry change, SavingsStatus status, String architecture, Integer maxMemoryUsedMb,
                                        FunctionUsage before, FunctionUsage after, String note) {
        return new FunctionSavings(change.functionArn(), change.functionName(), change.itemId(), change.kind(), status,
                change.before(), change.after(), architecture, maxMemoryUsedMb, before, after, null, null,
                Pricing.cents(change.estimatedMonthlySavingUsd()), BigDecimal.ZERO.setScale(2), note);
    }

    /**
     * A measured function with its own cost of this week in the cost history (by resource or by cost-allocation tag) beside its measured cost now (the week's share of
     * the monthly figure); {@code disagreeing} collects the names of those more than the stated margin apart.
     */
    private static FunctionSavings withFunctionLevelCost(FunctionSavings f, FunctionCosts byFunction, DateRange thisWeek, String source,
                                                         List<String> disagreeing) {
        BigDecimal resourceWeekUsd = byFunction.costUsdByArn().get(f.functionArn());
        if (f.status() != SavingsStatus.MEASURED || resourceWeekUsd == null) {
            return f;
        }
        BigDecimal measuredWeekUsd = f.costAfterMonthlyUsd().multiply(BigDecimal.valueOf(thisWeek.days()))
                .divide(BigDecimal.valueOf(Pricing.DAYS_PER_MONTH), PRECISION);
        if (ConfidenceRules.disagree(measuredWeekUsd, resourceWeekUsd)) {
            disagreeing.add(f.functionName());
        }
        String note = source + " (" + byFunction.level() + ") shows " + Money.usd(resourceWeekUsd) + " this week, measured "
                + Money.usd(measuredWeekUsd) + (f.note().isEmpty() ? "" : "; " + f.note());
        return new FunctionSavings(f.functionArn(), f.functionName(), f.itemId(), f.kind(), f.status(), f.before(), f.after(),
                f.architecture(), f.maxMemoryUsedMb(), f.usageBefore(), f.usageAfter(), f.costBeforeMonthlyUsd(), f.costAfterMonthlyUsd(),
                f.estimatedMonthlyUsd(), f.realizedMonthlyUsd(), note);
    }

    /**
     * What a live read found: a status that zeroes the change (with why), or none, with a note when the read could
     * not be made (the change is then measured as if standing, and says so).
     */
    private record LiveCheck(@Nullable SavingsStatus status, String note, boolean partlyInTraffic) {
        static final LiveCheck STANDING = new LiveCheck(null, "", false);

        LiveCheck(@Nullable SavingsStatus status, String note) {
            this(status, note, false);
        }
    }

    /** Whether the live value is still what fleetopt set; only for the settings that can be re-read. */
    private static LiveCheck drift(LedgerEntry change, @Nullable FunctionSettingsReader live) {
        if (live == null || !change.kind().isSetting()) {
            return LiveCheck.STANDING;
        }
        String now;
        try {
            now = live.read(change.functionArn()).valueOf(change.kind());
        } catch (FunctionNotFoundException e) {
            return new LiveCheck(SavingsStatus.DRIFTED, "the function no longer exists");
        } catch (ChangeFailedException e) {
            return new LiveCheck(null, "drift not checked: its live settings could not be read (" + e.getMessage() + ")");
        }
        if (now.equals(change.after())) {
            return LiveCheck.STANDING;
        }
        return new LiveCheck(SavingsStatus.DRIFTED, change.kind().label() + " is now " + io.fleetopt.core.model.SettingValues.display(change.kind(), now)
                + ", not the " + io.fleetopt.core.model.SettingValues.display(change.kind(), change.after()) + " fleetopt set");
    }

    /** Whether the change reaches the function's invocations ({@link TrafficReach}); only for settings frozen into versions. */
    private static LiveCheck reach(LedgerEntry change, @Nullable FunctionTrafficReader traffic) {
        if (traffic == null || !TrafficReach.isFrozenIntoVersions(change.kind())) {
            return LiveCheck.STANDING;
        }
        try {
            List<io.fleetopt.core.port.AliasRoute> aliases = traffic.aliases(change.functionArn());
            Optional<String> none = TrafficReach.notInTraffic(change, aliases);
            if (none.isPresent()) {
                return new LiveCheck(SavingsStatus.NOT_IN_TRAFFIC, none.get());
            }
            return TrafficReach.partlyInTraffic(change, aliases).map(why -> new LiveCheck(null, why, true)).orElse(LiveCheck.STANDING);
        } catch (FunctionNotFoundException e) {
            return new LiveCheck(SavingsStatus.DRIFTED, "the function no longer exists");
        } catch (ChangeFailedException e) {
            return new LiveCheck(null, "aliases not checked: they could not be read (" + e.getMessage() + ")");
        }
    }

    private static String withNote(String note, String more) {
        return more.isEmpty() ? note : note.isEmpty() ? more : note + "; " + more;
    }

    private static Optional<LedgerEntry> laterChangeOfSameSetting(LedgerEntry change, Map<String, List<LedgerEntry>> appliedByRun) {
        return appliedByRun.values().stream().flatMap(List::stream)
                .filter(e -> !e.runId().equals(change.runId()) && e.functionArn().equals(change.functionArn())
                        && e.kind() == change.kind() && e.at().isAfter(change.at()))
                .findFirst();
    }

    private record CostExplorerFigure(BigDecimal monthlyUsd, BigDecimal perMillionBefore, BigDecimal perMillionAfter,
                                      String notCrossChecked, List<String> mixedRuns) {
        static CostExplorerFigure none(String why) {
            return new CostExplorerFigure(null, null, null, why, List.of());
        }
    }

    /** The account's Lambda cost per million requests before and this week, applied to this week's requests. */
    private static CostExplorerFigure costExplorerFigure(LambdaCosts lambdaCosts, DateRange before, DateRange thisWeek,
                                                         List<String> otherRuns) {
        if (!lambdaCosts.isAvailable()) {
            return CostExplorerFigure.none(lambdaCosts.unavailable());
        }
        if (!otherRuns.isEmpty()) {
            return new CostExplorerFigure(null, null, null, "its account-wide Lambda cost also includes the changes of run "
                    + String.join(", ", otherRuns), otherRuns);
        }
        List<DailyCost> daysBefore = lambdaCosts.days().stream().filter(d -> before.contains(d.date())).toList();
        List<DailyCost> daysAfter = lambdaCosts.days().stream().filter(d -> thisWeek.contains(d.date())).toList();
        long requestsBefore = daysBefore.stream().mapToLong(DailyCost::requests).sum();
        long requestsAfter = daysAfter.stream().mapToLong(DailyCost::requests).sum();
        if (requestsBefore == 0 || requestsAfter == 0) {
            return CostExplorerFigure.none("it shows no Lambda requests in " + (requestsBefore == 0 ? before : thisWeek).display());
        }
        BigDecimal perMillionBefore = sum(daysBefore).multiply(MILLION).divide(BigDecimal.valueOf(requestsBefore), PRECISION);
        BigDecimal perMillionAfter = sum(daysAfter).multiply(MILLION).divide(BigDecimal.valueOf(requestsAfter), PRECISION);
        BigDecimal monthlyRequests = Pricing.monthly(BigDecimal.valueOf(requestsAfter), thisWeek.days());
        BigDecimal monthly = perMillionBefore.subtract(perMillionAfter).multiply(monthlyRequests).divide(MILLION, PRECISION);
        return new CostExplorerFigure(monthly, perMillionBefore, perMillionAfter, null, List.of());
    }

    private static BigDecimal sum(List<DailyCost> days) {
        return days.stream().map(DailyCost::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Other runs that changed memory of a function {@code affected} accepts, on a day in [from, to). */
    private static List<String> otherRunsChangingMemory(String run, Map<String, List<LedgerEntry>> appliedByRun, LocalDate from,
                                                        LocalDate to, java.util.function.Predicate<String> affected) {
        DateRange span = new DateRange(from, to);
        return appliedByRun.entrySet().stream().filter(e -> !e.getKey().equals(run))
                .filter(e -> e.getValue().stream().anyMatch(c -> c.kind() == RecommendationKind.MEMORY && affected.test(c.functionArn())
                        && span.contains(LocalDate.ofInstant(c.at(), ZoneOffset.UTC))))
                .map(Map.Entry::getKey).toList();
    }

    /**
     * The functions of the snapshot a run planned on, by ARN; for a run over member accounts, of the snapshots of the
     * (account, region)s it changed; none when they are gone.
     */
    private Map<String, FunctionProfile> profiles(String run, Map<String, List<LedgerEntry>> appliedByRun) {
        Map<String, FunctionProfile> profiles = new HashMap<>();
        if (memberRun.test(run)) {
            appliedByRun.get(run).stream().map(e -> accountOf(e.functionArn()) + "/" + regionOf(e.functionArn())).distinct()
                    .forEach(target -> members.snapshots().snapshot(run, target.split("/")[0], target.split("/")[1])
                            .ifPresent(s -> s.functions().forEach(p -> profiles.put(p.arn(), p))));
        } else {
            snapshotOfRun.apply(run).ifPresent(s -> s.functions().forEach(p -> profiles.put(p.arn(), p)));
        }
        return profiles;
    }

    /** The tags of each function as the latest of the runs' snapshots holding it recorded them (for a cost-allocation tag). */
    private static Map<String, Map<String, String>> tagsOf(List<String> arns, List<String> runs,
                                                           Map<String, Map<String, FunctionProfile>> profilesByRun) {
        Map<String, Map<String, String>> tags = new HashMap<>();
        for (String run : runs) {
            profilesByRun.get(run).forEach((arn, profile) -> {
                if (arns.contains(arn)) {
                    tags.put(arn, profile.config().tags());
                }
            });
        }
        return Map.copyOf(tags);
    }

    /** Each run's APPLIED entries, one per item (its first), in ledger order. */
    private static Map<String, List<LedgerEntry>> appliedByRun(List<LedgerEntry> ledger) {
        Map<String, Map<String, LedgerEntry>> byRun = new LinkedHashMap<>();
        for (LedgerEntry entry : ledger) {
            if (entry.action() == LedgerAction.APPLIED) {
                byRun.computeIfAbsent(entry.runId(), r -> new LinkedHashMap<>()).putIfAbsent(entry.itemId(), entry);
            }
        }
        Map<String, List<LedgerEntry>> out = new LinkedHashMap<>();
        byRun.forEach((run, items) -> out.put(run, List.copyOf(items.values())));
        return out;
    }

    private static Map<String, FunctionUsage> byArn(List<FunctionUsage> usages) {
        Map<String, FunctionUsage> out = new HashMap<>();
        usages.forEach(u -> out.put(u.functionArn(), u));
        return out;
    }

    static LocalDate appliedOn(List<LedgerEntry> changes) {
        return changes.stream().map(e -> LocalDate.ofInstant(e.at(), ZoneOffset.UTC)).min(LocalDate::compareTo).orElseThrow();
    }

    /** The region in a function ARN (arn:aws:lambda:REGION:account:function:name); us-east-1 when it has none. */
    static String regionOf(String functionArn) {
        String[] parts = functionArn.split(":");
        return parts.length > 3 && !parts[3].isEmpty() ? parts[3] : Pricing.DEFAULT_REGION;
    }

    /**
     * The history, one entry per run that applied changes (this run's own come with its summary): estimated as
     * applied, realized as measured now, or as last measured by an earlier report once it is past the weeks checked or a later
     * run changed some of its settings again;
     * weeks an earlier report kept whose runs this ledger does not hold stay as they were.
     */
    private List<WeekSavings> weeks(String runId, Map<String, List<LedgerEntry>> appliedByRun, List<ChangeSetSavings> measuredNow,
                                           List<WeekSavings> earlierWeeks) {
        Map<String, WeekSavings> earlier = new HashMap<>();
        earlierWeeks.forEach(w -> earlier.put(w.runId(), w));
        Map<String, ChangeSetSavings> now = new HashMap<>();
        measuredNow.forEach(c -> now.put(c.runId(), c));
        List<WeekSavings> weeks = new ArrayList<>();
        for (Map.Entry<String, List<LedgerEntry>> run : appliedByRun.entrySet()) {
            if (run.getKey().equals(runId)) {
                continue;
            }
            BigDecimal estimated = Pricing.cents(run.getValue().stream().map(LedgerEntry::estimatedMonthlySavingUsd)
                    .reduce(BigDecimal.ZERO, BigDecimal::add));
            WeekSavings before = earlier.get(run.getKey());
            ChangeSetSavings measured = now.get(run.getKey());
            if (measured != null && measured.functions().stream().noneMatch(f -> f.status() == SavingsStatus.MEASURED)
                    && measured.functions().stream().anyMatch(f -> f.note().startsWith(MEMBER_ACCOUNT_NOT_READ))) {
                // nothing measured because its member accounts could not be read: its week shows "not measured", not $0
                measured = null;
            }
            if (measured != null && before != null && before.realizedMonthlyUsd() != null && measured.functions().stream()
                    .anyMatch(f -> f.status() == SavingsStatus.SUPERSEDED)) {
                // a later run changed some of these settings again: its change is measured instead, and this week
                // keeps what it was last measured at before that, rather than a figure without its superseded part
                measured = null;
            }
            weeks.add(new WeekSavings(run.getKey(), appliedOn(run.getValue()), run.getValue().size(), estimated,
                    measured != null ? measured.realizedMonthlyUsd() : before == null ? null : before.realizedMonthlyUsd(),
                    measured != null ? measured.confidence() : before == null ? null : before.confidence()));
        }
        Set<String> inLedger = appliedByRun.keySet();
        earlierWeeks.stream().filter(w -> !inLedger.contains(w.runId()) && !w.runId().equals(runId)).forEach(weeks::add);
        weeks.sort(java.util.Comparator.comparing(WeekSavings::appliedOn).thenComparing(WeekSavings::runId));
        return List.copyOf(weeks);
    }
}
