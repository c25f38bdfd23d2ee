package io.fleetopt.notifier;

import io.fleetopt.core.model.ChangeSetSavings;
import io.fleetopt.core.model.Confidence;
import io.fleetopt.core.model.SavingsReport;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.CostHistory;
import io.fleetopt.core.port.DailyCost;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.pricing.Pricing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Confirms what earlier runs' changes really saved: the account's Lambda cost per million requests in the week
 * before a run's changes and the week after, applied to the traffic after (so a busier week is not taken for a
 * costlier configuration). Runs are checked once their changes are a full week old, for five weeks.
 */
public final class SavingsVerifier {

    static final int WINDOW_DAYS = 7;
    static final int WEEKS_REPORTED = 5;
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final MathContext PRECISION = MathContext.DECIMAL64;

    private final CostHistory costs;
    private final Clock clock;

    public SavingsVerifier(CostHistory costs, Clock clock) {
        this.costs = costs;
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

    public SavingsReport verify(String runId, List<LedgerEntry> ledger) {
        LocalDate today = LocalDate.now(clock);
        Map<String, List<LedgerEntry>> standingByRun = standingChanges(ledger);
        List<ChangeSetSavings> changeSets = new ArrayList<>();
        for (Map.Entry<String, List<LedgerEntry>> run : standingByRun.entrySet()) {
            LocalDate appliedOn = appliedOn(run.getValue());
            boolean weekOld = !appliedOn.plusDays(WINDOW_DAYS).isAfter(today);
            boolean recent = appliedOn.isAfter(today.minusWeeks(WEEKS_REPORTED));
            if (!run.getKey().equals(runId) && weekOld && recent) {
                boolean overlapping = standingByRun.entrySet().stream().anyMatch(other -> !other.getKey().equals(run.getKey())
                        && Math.abs(appliedOn(other.getValue()).toEpochDay() - appliedOn.toEpochDay()) < WINDOW_DAYS);
                changeSets.add(compare(run.getKey(), run.getValue(), appliedOn, overlapping));
            }
        }
        BigDecimal realized = changeSets.stream().map(ChangeSetSavings::realizedMonthlyUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new SavingsReport(SavingsReport.SCHEMA_VERSION, runId, clock.instant(), List.copyOf(changeSets), realized);
    }

    private ChangeSetSavings compare(String runId, List<LedgerEntry> changes, LocalDate appliedOn, boolean overlapping) {
        Window before = window(appliedOn.minusDays(WINDOW_DAYS), appliedOn);
        Window after = window(appliedOn, appliedOn.plusDays(WINDOW_DAYS));
        BigDecimal estimated = changes.stream().map(LedgerEntry::estimatedMonthlySavingUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (before.requests() == 0 || after.requests() == 0) {
            return new ChangeSetSavings(runId, appliedOn, changes.size(), Pricing.cents(estimated), BigDecimal.ZERO.setScale(2),
                    BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), WINDOW_DAYS, Confidence.LOW,
                    "no Lambda requests in the cost history around " + appliedOn + ": nothing to compare");
        }
        BigDecimal perMillionBefore = before.perMillion();
        BigDecimal perMillionAfter = after.perMillion();
        BigDecimal monthlyRequestsAfter = BigDecimal.valueOf(after.requests()).multiply(BigDecimal.valueOf(Pricing.DAYS_PER_MONTH))
                .divide(BigDecimal.valueOf(WINDOW_DAYS), PRECISION);
        BigDecimal realized = perMillionBefore.subtract(perMillionAfter).multiply(monthlyRequestsAfter).divide(MILLION, PRECISION);
        double volumeChange = (double) after.requests() / before.requests() - 1;
        Confidence confidence = Math.abs(volumeChange) < 0.2 ? Confidence.HIGH : Math.abs(volumeChange) < 0.5 ? Confidence.MEDIUM : Confidence.LOW;
        if (overlapping && confidence == Confidence.HIGH) {
            confidence = Confidence.MEDIUM;
        }
        String explanation = String.format(Locale.ROOT,
                "Lambda cost per million requests went from %s to %s in the week after %s (requests %+.0f %%)%s.",
                Money.usd(perMillionBefore), Money.usd(perMillionAfter), appliedOn, volumeChange * 100,
                overlapping ? "; another run's changes fall in the same weeks, so part of it may be theirs" : "");
        return new ChangeSetSavings(runId, appliedOn, changes.size(), Pricing.cents(estimated), Pricing.cents(realized),
                Pricing.cents(perMillionBefore), Pricing.cents(perMillionAfter), WINDOW_DAYS, confidence, explanation);
    }

    /** The APPLIED entries still standing (not rolled back since), by run. */
    private static Map<String, List<LedgerEntry>> standingChanges(List<LedgerEntry> ledger) {
        Map<String, List<LedgerEntry>> byRun = new LinkedHashMap<>();
        for (LedgerEntry entry : ChangeLedger.standing(ledger)) {
            byRun.computeIfAbsent(entry.runId(), r -> new ArrayList<>()).add(entry);
        }
        return byRun;
    }

    private static LocalDate appliedOn(List<LedgerEntry> changes) {
        return changes.stream().map(e -> LocalDate.ofInstant(e.at(), ZoneOffset.UTC)).min(LocalDate::compareTo).orElseThrow();
    }

    private Window window(LocalDate from, LocalDate toExclusive) {
        List<DailyCost> days = costs.dailyLambdaCost(from, toExclusive);
        return new Window(days.stream().map(DailyCost::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add),
                days.stream().mapToLong(DailyCost::requests).sum());
    }

    private record Window(BigDecimal costUsd, long requests) {
        BigDecimal perMillion() {
            return costUsd.multiply(MILLION).divide(BigDecimal.valueOf(requests), PRECISION);
        }
    }
}
