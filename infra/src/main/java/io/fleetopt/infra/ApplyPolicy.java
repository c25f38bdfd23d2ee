package io.fleetopt.infra;

import software.constructs.Construct;

/**
 * The run's failure policy the deployer may set as CDK context values beside the settings, each a whole number 0 to
 * 100: {@code toleratedFailurePercentage}, the share of ApplyApproved's child executions that may fail before the
 * Distributed Map stops applying the rest and the run fails with a notice (default 10); and
 * {@code toleratedTargetFailurePercentage}, the share of (account, region)s of a run over member accounts that may
 * fail to be collected or analyzed (each listed as not collected) before CollectAndAnalyzeEachTarget fails the run
 * (default 5).
 */
final class ApplyPolicy {

    static final int DEFAULT_TOLERATED_FAILURE_PERCENTAGE = 10;
    static final int DEFAULT_TOLERATED_TARGET_FAILURE_PERCENTAGE = 5;

    private ApplyPolicy() {
    }

    static int toleratedFailurePercentage(Construct scope) {
        return percentage(scope, "toleratedFailurePercentage", DEFAULT_TOLERATED_FAILURE_PERCENTAGE);
    }

    static int toleratedTargetFailurePercentage(Construct scope) {
        return percentage(scope, "toleratedTargetFailurePercentage", DEFAULT_TOLERATED_TARGET_FAILURE_PERCENTAGE);
    }

    private static int percentage(Construct scope, String key, int defaultPercent) {
        Object value = scope.getNode().tryGetContext(key);
        if (value == null || String.valueOf(value).isBlank()) {
            return defaultPercent;
        }
        int percent;
        try {
            percent = Integer.parseInt(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context value " + key + " is '" + value + "', not a whole number", e);
        }
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("context value " + key + ": " + percent + " must be 0 to 100");
        }
        return percent;
    }
}
