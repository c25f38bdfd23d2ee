package io.fleetopt.applier;

import io.fleetopt.core.model.RecommendationKind;

/** A change about to be written, apply or rollback: which function (ARN and name as given), which setting, to what. */
record ProposedChange(String functionArn, String functionName, RecommendationKind kind, String value) {
}
