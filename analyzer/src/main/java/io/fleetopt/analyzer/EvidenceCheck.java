package io.fleetopt.analyzer;

import io.fleetopt.core.model.FunctionMetrics;

import java.util.Optional;

/** Thin evidence means no resource is reduced: the function is skipped, with the reason in words. */
final class EvidenceCheck {

    private final AnalyzerPolicy policy;

    EvidenceCheck(AnalyzerPolicy policy) {
        this.policy = policy;
    }

    Optional<String> thinEvidenceReason(FunctionMetrics metrics) {
        if (metrics.daysWithData() < policy.minDays()) {
            return Optional.of("only " + metrics.daysWithData() + " days of data, " + policy.minDays() + " needed");
        }
        if (metrics.invocations() < policy.minInvocations()) {
            return Optional.of("only " + metrics.invocations() + " invocations in " + metrics.daysWithData()
                    + " days, " + policy.minInvocations() + " needed");
        }
        return Optional.empty();
    }
}
