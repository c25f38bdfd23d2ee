package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Recommendation;

import java.util.List;
import java.util.Optional;

/**
 * One rule: what it reads in a profile, what it proposes, and the IAM actions its apply needs (infra
 * derives the applier's permissions from these). A rule only sees functions with enough evidence.
 */
public interface Rule {

    RecommendationKind kind();

    /** The IAM actions the applier needs to apply this rule's items. */
    List<String> iamActions();

    Optional<Recommendation> evaluate(FunctionProfile function, RuleContext context);
}
