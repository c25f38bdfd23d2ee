package io.fleetopt.infra;

import software.constructs.Construct;

/**
 * The apply policy the deployer may set as a CDK context value beside the settings: {@code toleratedFailurePercentage},
 * the share of ApplyApproved's child executions that may fail before the Distributed Map stops applying the rest and
 * the run fails with a notice (default 10; 0 to 100).
 */
final class ApplyPolicy {

    static final int DEFAULT_TOLERATED_FAILURE_PERCENTAGE = 10;

    private ApplyPolicy() {
    }

    static int toleratedFailurePercentage(Construct scope) {
        Object value = scope.getNode().tryGetContext("toleratedFailurePercentage");
        if (value == null || String.valueOf(value).isBlank()) {
            return DEFAULT_TOLERATED_FAILURE_PERCENTAGE;
        }
        int percent;
        try {
            percent = value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context value toleratedFailurePercentage is '" + value
                    + "', not a whole number", e);
        }
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("context value toleratedFailurePercentage: " + percent + " must be 0 to 100");
        }
        return percent;
    }
}
