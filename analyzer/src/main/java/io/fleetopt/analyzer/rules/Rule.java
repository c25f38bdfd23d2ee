package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Recommendation;

import java.util.List;
import java.util.Optional;

/**
 * One rule: what it reads in a profile, what it proposes, and the IAM actions its apply needs (infra
 * derives the applier's permissions from these). A rule sees functions in scope with enough evidence; a rule
 * that reads only the configuration ({@link #needsMetricEvidence()} false) also sees those whose metrics are thin
 * or could not be read, since its finding does not depend on them.
 */
public interface Rule {

    RecommendationKind kind();

    /** True when some of this rule's items can be APPLY; infra grants {@link #iamActions()} only for those. */
    boolean canApply();

    /** The IAM actions applying this rule's items needs (for a REPORT_ONLY rule: what its owner's fix needs). */
    List<String> iamActions();

    Optional<Recommendation> evaluate(FunctionProfile function, RuleContext context);

    /** False for a rule whose finding needs no metric evidence (a deprecated runtime, a log group that never expires). */
    default boolean needsMetricEvidence() {
        return true;
    }
}
