package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.core.model.FunctionProfile;

import java.util.Locale;

/**
 * How far a memory cut may go this week, and the words that say why.
 * <ul>
 * <li>With a prediction ({@link MemoryResponse#predicts()}: a measured response or CPU time), the latency guard:
 *     the cut stops at the lowest memory whose predicted p99 is at most {@code max-p99-slowdown-percent} slower
 *     than now, or, while the function runs with a measured cut, than before that cut.</li>
 * <li>Without one, the guard cannot predict (in the worst case, all of the duration is CPU and any cut of more
 *     than a sixth breaks a 20 % guard), so the step policy bounds the risk instead: at most
 *     {@code max-memory-step-percent} of the memory a week. The measured response then sizes the next step,
 *     through the guard.</li>
 * </ul>
 * Either way, no cut is taken while the function's last memory change waits to be measured.
 *
 * @param targetMb the memory the cut may go to (the current memory when it may not go anywhere)
 * @param waiting  true when an earlier change waits to be measured: no blind step now
 * @param sentence what to add to the rationale
 */
record CutLimit(int targetMb, boolean waiting, String sentence) {

    static CutLimit of(MemoryResponse response, FunctionProfile function, RuleContext context, int floorMb) {
        int current = function.config().memoryMb();
        AnalyzerPolicy policy = context.policy();
        if (context.learned().pendingOf(function.arn()).isPresent()) {
            // its last memory change is not measured yet: no cut on top of it (CPU time alone would ratchet: it
            // falls as a slowed function's duration grows)
            return new CutLimit(current, true, "");
        }
        if (!response.predicts()) {
            int stepFloorMb = MemoryRule.roundUpToStep((int) Math.ceil(current * (100 - policy.maxMemoryStepPercent()) / 100.0));
            if (stepFloorMb <= floorMb) {
                return new CutLimit(floorMb, false, String.format(Locale.ROOT,
                        "; its CPU share is unknown: up to %.2fx slower if all of its duration is CPU", response.slowdown(floorMb)));
            }
            return new CutLimit(stepFloorMb, false, String.format(Locale.ROOT,
                    "; a step of at most %d %% toward %s: its CPU share is unknown (up to %.2fx slower if all of its duration is CPU), "
                            + "so the next step waits for this one's measured response",
                    policy.maxMemoryStepPercent(), Numbers.mb(floorMb), response.slowdown(stepFloorMb)));
        }
        double allowed = 1 + policy.maxP99SlowdownPercent() / 100.0;
        GuardReference reference = GuardReference.of(response, current);
        int target = floorMb;
        int refusedMb = 0;
        double refusedSlowdown = 0;
        while (target < current && reference.slowdown(target) > allowed) {
            refusedMb = target;
            refusedSlowdown = reference.slowdown(target);
            target = (target / MemoryRule.STEP_MB + 1) * MemoryRule.STEP_MB;
        }
        if (target >= current) {
            return new CutLimit(current, false, "");
        }
        Double p99Ms = function.metrics().durationP99Ms();
        double slowdown = response.slowdown(target);
        String onReference = reference.text().isEmpty() ? ""
                : String.format(Locale.ROOT, "; %s %s", signedPercent(reference.slowdown(target)), reference.text());
        String predicted = p99Ms == null
                ? String.format(Locale.ROOT, "duration at %s predicted %s%s", Numbers.mb(target), signedPercent(slowdown), onReference)
                : String.format(Locale.ROOT, "p99 at %s predicted %s (%s%s)", Numbers.mb(target), Numbers.ms(p99Ms * slowdown),
                signedPercent(slowdown), onReference);
        String refused = refusedMb == 0 ? "" : String.format(Locale.ROOT,
                ", not lower: at %s it would be %s%s, beyond the %d %% latency guard", Numbers.mb(refusedMb),
                signedPercent(refusedSlowdown), reference.text().isEmpty() ? "" : " " + reference.text(),
                policy.maxP99SlowdownPercent());
        return new CutLimit(target, false, "; " + response.basis() + ": " + predicted + refused);
    }

    /**
     * What the guard compares with: the p99 now, or, after a measured cut the function still runs with, its p99
     * before that cut, so that cuts one after another cannot add up beyond the guard, and a cut that slowed p99
     * beyond it is never followed by another.
     */
    private record GuardReference(MemoryResponse response, io.fleetopt.core.pricing.DurationModel beforeCut, String text) {

        static GuardReference of(MemoryResponse response, int currentMb) {
            if (response instanceof MemoryResponse.Measured measured && measured.learned().memoryBeforeMb() > currentMb) {
                return new GuardReference(response, new io.fleetopt.core.pricing.DurationModel(measured.learned().cpuShare(),
                        measured.learned().memoryBeforeMb()), "on its p99 before the change of " + measured.learned().changedOn());
            }
            return new GuardReference(response, null, "");
        }

        double slowdown(int toMb) {
            return beforeCut == null ? response.slowdown(toMb) : beforeCut.slowdown(toMb);
        }
    }

    /** "+18 %" for a slowdown of 1.18. */
    private static String signedPercent(double slowdown) {
        return String.format(Locale.ROOT, "%+d %%", Math.round((slowdown - 1) * 100));
    }
}
