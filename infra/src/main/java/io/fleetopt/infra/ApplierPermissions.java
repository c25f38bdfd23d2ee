package io.fleetopt.infra;

import io.fleetopt.analyzer.rules.Rule;
import io.fleetopt.analyzer.rules.RuleSet;
import io.fleetopt.applier.aws.LambdaFunctionConfigurator;
import io.fleetopt.core.change.SettingKinds;
import io.fleetopt.core.model.RecommendationKind;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The IAM actions the applier's AWS adapter calls: its reads ({@link LambdaFunctionConfigurator#READ_IAM_ACTIONS})
 * and, from the change-kind registry ({@link SettingKinds}), each kind's own actions, for the kinds the rules can
 * APPLY only: a report-only finding (runtime, arm64, dead-letter queue) grants nothing. A rollback writes the same
 * kinds back, so it needs nothing more.
 */
public final class ApplierPermissions {

    private ApplierPermissions() {
    }

    /** The kinds whose items the applier may change: those of the rules that can APPLY. */
    public static Set<RecommendationKind> changeableKinds(List<Rule> rules) {
        Set<RecommendationKind> kinds = EnumSet.noneOf(RecommendationKind.class);
        rules.stream().filter(Rule::canApply).map(Rule::kind).forEach(kinds::add);
        return kinds;
    }

    /** What the configurator calls to read any function and to change the kinds {@code rules} can APPLY. */
    public static List<String> ofRules(List<Rule> rules) {
        Set<String> actions = new LinkedHashSet<>(LambdaFunctionConfigurator.READ_IAM_ACTIONS);
        for (RecommendationKind kind : changeableKinds(rules)) {
            if (SettingKinds.of(kind).isEmpty()) {
                throw new IllegalStateException("the rule of " + kind + " can apply, but the change-kind registry ("
                        + SettingKinds.class.getSimpleName() + ") has no kind for it");
            }
            actions.addAll(SettingKinds.iamActionsOf(kind));
        }
        return List.copyOf(actions);
    }

    /** For the standard rules. */
    public static List<String> standard() {
        return ofRules(RuleSet.standard());
    }
}
