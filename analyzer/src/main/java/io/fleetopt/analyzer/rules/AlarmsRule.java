package io.fleetopt.analyzer.rules;

import io.fleetopt.core.change.GuardAlarmKind;
import io.fleetopt.core.change.SettingKind;
import io.fleetopt.core.change.SettingKinds;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.pricing.Pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The guard alarms a changed function gets, wired to the SNS topic by WireAlarms once a change is applied: the ones
 * the change kinds' registry lists for its APPLY items ({@link SettingKind#guardAlarms()}: errors, duration near the
 * timeout, throttles). Listed for every function with such an item, with their monthly cost. Runs after the rules
 * that propose changes.
 */
public final class AlarmsRule implements Rule {

    public static final String ERRORS = "Errors";
    public static final String THROTTLES = "Throttles";
    public static final String DURATION_NEAR_TIMEOUT = "Duration near timeout";

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.ALARMS;
    }

    @Override
    public boolean canApply() {
        return false;
    }

    @Override
    public List<String> iamActions() {
        return List.of("cloudwatch:PutMetricAlarm", "cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms");
    }

    @Override
    public Optional<Recommendation> evaluate(FunctionProfile function, RuleContext context) {
        List<Recommendation> changes = context.earlierItems().stream().filter(i -> i.action() == Action.APPLY).toList();
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        List<String> alarms = alarmsFor(changes);
        if (alarms.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal cost = context.pricing().alarmsMonthlyUsd(alarms.size());
        String changed = String.join(", ", changes.stream().map(i -> i.kind().label()).toList());
        String rationale = String.format(Locale.ROOT,
                "the %s change%s to %s will be guarded by %d alarms (%s) that notify the SNS topic of a regression, for %s/month; an alarm does not undo the change, the run's rollback command does.",
                changed, changes.size() > 1 ? "s" : "", function.name(), alarms.size(),
                String.join(", ", alarms).toLowerCase(Locale.ROOT), Numbers.usd(Pricing.cents(cost)));
        return Optional.of(RecommendationFactory.recommend(function, kind(), "none", String.join(", ", alarms), Risk.LOW,
                Action.REPORT_ONLY, rationale, cost.negate(),
                List.of("standard-resolution metric alarms at " + context.pricing().prices().alarmMonthUsd()
                        + " USD each a month; created when the changes are applied")));
    }

    /** The alarms WireAlarms wires for these changes, as the registry lists them per kind. */
    static List<String> alarmsFor(List<Recommendation> changes) {
        java.util.EnumSet<GuardAlarmKind> kinds = java.util.EnumSet.noneOf(GuardAlarmKind.class);
        changes.forEach(change -> SettingKinds.of(change.kind()).ifPresent(k -> kinds.addAll(k.guardAlarms())));
        List<String> alarms = new ArrayList<>();
        for (GuardAlarmKind kind : kinds) {
            alarms.add(switch (kind) {
                case ERRORS -> ERRORS;
                case NEAR_TIMEOUT -> DURATION_NEAR_TIMEOUT;
                case THROTTLES -> THROTTLES;
            });
        }
        return alarms;
    }
}
