package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.Confidence;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.LearnedResponse;
import io.fleetopt.core.pricing.DurationModel;

import java.util.Locale;
import java.util.Optional;

/**
 * How a function's duration will follow a memory change, from the best evidence the plan has: the response an
 * earlier change measured (MEDIUM or HIGH confidence), else its CPU time (Lambda Insights), else nothing, when
 * the worst case is that all of its duration is CPU. Only the first two predict; the latency guard applies to them.
 */
sealed interface MemoryResponse {

    /** duration at {@code toMb} / duration now. */
    double slowdown(int toMb);

    /** True when the slowdown is a prediction from evidence, not the worst case. */
    boolean predicts();

    /** Where the prediction comes from, for the rationale. */
    String basis();

    static MemoryResponse of(FunctionProfile function, RuleContext context) {
        int current = function.config().memoryMb();
        Optional<LearnedResponse> learned = context.learned().of(function.arn())
                .filter(r -> r.confidence() != Confidence.LOW);
        if (learned.isPresent()) {
            return new Measured(learned.get(), learned.get().modelAt(current));
        }
        Double cpuTimeRatio = function.metrics().cpuTimeRatio();
        if (cpuTimeRatio != null) {
            return new FromCpuTime(cpuTimeRatio, current);
        }
        return new Unknown(current);
    }

    /** Measured by an earlier change, stated at the current memory. */
    record Measured(LearnedResponse learned, DurationModel model) implements MemoryResponse {
        @Override
        public double slowdown(int toMb) {
            return model.slowdown(toMb);
        }

        @Override
        public boolean predicts() {
            return true;
        }

        @Override
        public String basis() {
            return "measured: " + learned.describe();
        }
    }

    /** From the CPU time Lambda Insights reports: the CPU part stretches once the vCPU share falls below what it uses. */
    record FromCpuTime(double cpuTimeRatio, int currentMb) implements MemoryResponse {
        @Override
        public double slowdown(int toMb) {
            return MemoryRule.durationAtMemoryMs(1.0, cpuTimeRatio, currentMb, toMb);
        }

        @Override
        public boolean predicts() {
            return true;
        }

        @Override
        public String basis() {
            return String.format(Locale.ROOT, "from its CPU time (%s of duration)", Numbers.percent(cpuTimeRatio));
        }
    }

    /** No evidence: in the worst case all of the duration is CPU, slowing by cpu(now) / cpu(to). */
    record Unknown(int currentMb) implements MemoryResponse {
        @Override
        public double slowdown(int toMb) {
            return toMb >= currentMb ? 1.0 : DurationModel.allCpu(currentMb).slowdown(toMb);
        }

        @Override
        public boolean predicts() {
            return false;
        }

        @Override
        public String basis() {
            return "if all of its duration is CPU (its CPU share is unknown)";
        }
    }
}
