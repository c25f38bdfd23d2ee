package io.fleetopt.notifier;

import io.fleetopt.core.model.Confidence;
import io.fleetopt.core.model.FunctionUsage;
import io.fleetopt.core.pricing.LambdaCpu;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits a function's CPU share from its durations before and after a memory change. With r = cpu(before) / cpu(after)
 * ({@link LambdaCpu}), each statistic of the duration (average, p50, p99) moves by d_after / d_before - 1 =
 * share x (r - 1) ({@link io.fleetopt.core.pricing.DurationModel}); the share is the least-squares fit over the
 * statistics both weeks have, clamped to 0..1. Its standard error combines how far the statistics disagree with the
 * fit and the sampling error of a mean over the fewer of the two weeks' invocations, divided by |r - 1|: a small
 * memory change says little. The confidence follows the standard error.
 */
public final class ResponseFit {

    /** A standard error of at most this is HIGH confidence ... */
    static final double HIGH_MAX_ERROR = 0.05;
    /** ... at most this MEDIUM, else LOW. */
    static final double MEDIUM_MAX_ERROR = 0.15;

    private ResponseFit() {
    }

    public record Fitted(double cpuShare, double stdError, Confidence confidence) {
    }

    /** Both usages must have run; the memories must differ. */
    public static Fitted fit(int memoryBeforeMb, int memoryAfterMb, FunctionUsage before, FunctionUsage after) {
        if (!before.ran() || !after.ran()) {
            throw new IllegalArgumentException("a response is fitted only on usage with invocations before and after");
        }
        if (memoryBeforeMb == memoryAfterMb) {
            throw new IllegalArgumentException("a response is fitted only across a memory change, both are " + memoryBeforeMb + " MB");
        }
        double slope = LambdaCpu.cpuRatio(memoryBeforeMb, memoryAfterMb) - 1;
        List<Double> moves = new ArrayList<>();
        moves.add(after.durationAvgMs() / before.durationAvgMs() - 1);
        addMove(moves, before.durationP50Ms(), after.durationP50Ms());
        addMove(moves, before.durationP99Ms(), after.durationP99Ms());
        double sum = 0;
        for (double move : moves) {
            sum += move * slope;
        }
        double fitted = sum / (moves.size() * slope * slope);
        double residuals = 0;
        for (double move : moves) {
            residuals += Math.pow(move - fitted * slope, 2);
        }
        double disagreement = moves.size() > 1 ? residuals / (moves.size() - 1) / moves.size() : 0;
        double sampling = 1.0 / Math.min(before.invocations(), after.invocations());
        double stdError = Math.sqrt(disagreement + sampling) / Math.abs(slope);
        double share = Math.max(0, Math.min(1, fitted));
        Confidence confidence = stdError <= HIGH_MAX_ERROR ? Confidence.HIGH
                : stdError <= MEDIUM_MAX_ERROR ? Confidence.MEDIUM : Confidence.LOW;
        return new Fitted(share, stdError, confidence);
    }

    private static void addMove(List<Double> moves, Double beforeMs, Double afterMs) {
        if (beforeMs != null && afterMs != null && beforeMs > 0) {
            moves.add(afterMs / beforeMs - 1);
        }
    }
}
