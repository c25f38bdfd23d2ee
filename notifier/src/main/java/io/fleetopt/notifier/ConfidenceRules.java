package io.fleetopt.notifier;

import io.fleetopt.core.model.Confidence;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How far a change set's realized saving can be trusted. It starts HIGH and drops a level for each thing that
 * makes the comparison less clean (two levels for a large traffic shift), never below LOW; each drop comes with a
 * note in plain words.
 */
public final class ConfidenceRules {

    /** A traffic change between the week before and this week of this share or more drops one level. */
    public static final double NOTABLE_TRAFFIC_SHIFT = 0.20;
    /** ... and of this share or more, two levels. */
    public static final double LARGE_TRAFFIC_SHIFT = 0.50;
    /** Cost Explorer and the measurement disagree when they differ by more than this share of the measurement ... */
    public static final BigDecimal DISAGREEMENT_SHARE = new BigDecimal("0.25");
    /** ... and by more than this many dollars a month (so a few cents either way is no disagreement). */
    public static final BigDecimal DISAGREEMENT_FLOOR_USD = new BigDecimal("1.00");
    public static final int FULL_WINDOW_DAYS = 7;

    private ConfidenceRules() {
    }

    /**
     * What the rules look at. {@code trafficChange} is invocations this week over the week before, minus one (null
     * when nothing was measured); {@code fewestDaysWithData} the fewest days with data of a measured function in
     * either week; {@code overlappingRuns} other runs that changed memory of the same functions in these weeks;
     * {@code costExplorerUsd} the figure of the cost history ({@code costSource}, Cost Explorer in AWS), null with {@code notCrossChecked} saying why; when that is
     * because other runs' changes mix into the account-wide cost, {@code costExplorerMixedRuns} names them;
     * {@code functionsDisagreeing}: functions whose own cost this week in the cost history (by resource or by
     * cost-allocation tag) disagrees with their measured cost; {@code functionsPartlyInTraffic}: measured functions
     * some of whose aliases still route to a version published before the change.
     */
    public record Evidence(
            boolean anythingMeasured,
            @Nullable Double trafficChange,
            int fewestDaysWithData,
            List<String> overlappingRuns,
            BigDecimal measuredUsd,
            String costSource,
            @Nullable BigDecimal costExplorerUsd,
            @Nullable String notCrossChecked,
            List<String> costExplorerMixedRuns,
            List<String> functionsDisagreeing,
            List<String> functionsPartlyInTraffic) {
    }

    public record Verdict(Confidence confidence, List<String> notes) {
    }

    public static Verdict judge(Evidence e) {
        List<String> notes = new ArrayList<>();
        if (!e.anythingMeasured()) {
            notes.add("none of its changes could be measured from the functions' usage, so its realized saving is zero");
            return new Verdict(Confidence.LOW, notes);
        }
        int drops = 0;
        double shift = e.trafficChange() == null ? 0 : Math.abs(e.trafficChange());
        if (shift >= NOTABLE_TRAFFIC_SHIFT) {
            drops += shift >= LARGE_TRAFFIC_SHIFT ? 2 : 1;
            notes.add(String.format(Locale.ROOT, "traffic changed by %+.0f %% between the week before the change and this week; "
                    + "the saving is priced at this week's traffic, but a shift this large can change how the functions run",
                    e.trafficChange() * 100));
        }
        if (e.fewestDaysWithData() < FULL_WINDOW_DAYS) {
            drops++;
            notes.add("a changed function has only " + e.fewestDaysWithData() + " of " + FULL_WINDOW_DAYS
                    + " days of data in a week compared");
        }
        if (!e.overlappingRuns().isEmpty()) {
            drops++;
            notes.add("run " + String.join(", ", e.overlappingRuns())
                    + " also changed the memory of these functions in the weeks compared, so part of the difference may be its");
        }
        if (e.costExplorerUsd() == null) {
            // runs already counted as overlapping do not lower it twice
            boolean sameCause = !e.costExplorerMixedRuns().isEmpty() && e.overlappingRuns().containsAll(e.costExplorerMixedRuns());
            drops += sameCause ? 0 : 1;
            notes.add("not cross-checked with " + e.costSource() + ": " + e.notCrossChecked());
        } else if (disagree(e.measuredUsd(), e.costExplorerUsd())) {
            drops++;
            notes.add(capitalized(e.costSource()) + " shows " + Money.usd(e.costExplorerUsd()) + "/month against " + Money.usd(e.measuredUsd())
                    + "/month measured: they differ by more than " + percent(DISAGREEMENT_SHARE) + " %");
        } else {
            notes.add(capitalized(e.costSource()) + " agrees within " + percent(DISAGREEMENT_SHARE) + " % (" + Money.usd(e.costExplorerUsd()) + "/month)");
        }
        if (!e.functionsDisagreeing().isEmpty()) {
            drops++;
            notes.add("the per-function cost this week of " + String.join(", ", e.functionsDisagreeing())
                    + " differs from the measured cost by more than " + percent(DISAGREEMENT_SHARE) + " %");
        }
        if (!e.functionsPartlyInTraffic().isEmpty()) {
            drops++;
            notes.add("part of the traffic of " + String.join(", ", e.functionsPartlyInTraffic()) + " goes through an alias on a version "
                    + "published before the change, which still runs the old setting, so part of the measured saving may not be real");
        }
        Confidence[] levels = Confidence.values();
        return new Verdict(levels[Math.max(0, Confidence.HIGH.ordinal() - drops)], List.copyOf(notes));
    }

    static boolean disagree(BigDecimal measuredUsd, BigDecimal costExplorerUsd) {
        BigDecimal difference = measuredUsd.subtract(costExplorerUsd).abs();
        BigDecimal allowed = DISAGREEMENT_FLOOR_USD.max(measuredUsd.abs().multiply(DISAGREEMENT_SHARE, MathContext.DECIMAL64));
        return difference.compareTo(allowed) > 0;
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String percent(BigDecimal share) {
        return share.movePointRight(2).stripTrailingZeros().toPlainString();
    }
}
