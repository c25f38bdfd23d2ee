package io.fleetopt.analyzer;

import io.fleetopt.core.model.FunctionMetrics;

import java.util.Optional;

/**
 * Thin or unavailable evidence means no resource is reduced: only the rules that read the configuration run, and
 * the reason is given in words. Metrics that could not be read are "evidence unavailable" with their cause, never
 * "0 days of data".
 */
final class EvidenceCheck {

    private final AnalyzerPolicy policy;
    private final int lookbackDays;

    EvidenceCheck(AnalyzerPolicy policy, int lookbackDays) {
        this.policy = policy;
        this.lookbackDays = lookbackDays;
    }

    Optional<String> thinEvidenceReason(FunctionMetrics metrics) {
        if (metrics.isUnavailable()) {
            return Optional.of("evidence unavailable: metrics could not be read (" + metrics.evidenceUnavailable() + ")");
        }
        if (metrics.daysWithData() == 0) {
            return Optional.of("not invoked in the " + lookbackDays + "-day window");
        }
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
