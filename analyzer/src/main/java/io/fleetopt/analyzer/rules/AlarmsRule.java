package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionConfig;
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
 * The guard alarms a changed function gets, wired to the SNS topic by WireAlarms once a change is applied:
 * errors, throttles, duration near the timeout, and the dead-letter queue's depth when it has one. Listed for
 * every function with an APPLY item, with their monthly cost. Runs after the rules that propose changes.
 */
public final class AlarmsRule implements Rule {

    public static final String ERRORS = "Errors";
    public static final String THROTTLES = "Throttles";
    public static final String DURATION_NEAR_TIMEOUT = "Duration near timeout";
    public static final String DLQ_DEPTH = "DLQ depth";

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
        List<String> alarms = alarmsFor(function.config());
        BigDecimal cost = context.pricing().alarmsMonthlyUsd(alarms.size());
        String changed = String.join(", ", changes.stream().map(i -> i.kind().label()).toList());
        String rationale = String.format(Locale.ROOT,
                "the %s change%s to %s will be guarded by %d alarms (%s) on the SNS topic for %s/month, so a regression rolls back on its own.",
                changed, changes.size() > 1 ? "s" : "", function.name(), alarms.size(),
                String.join(", ", alarms).toLowerCase(Locale.ROOT), Numbers.usd(Pricing.cents(cost)));
        return Optional.of(RecommendationFactory.recommend(function, kind(), "none", String.join(", ", alarms), Risk.LOW,
                Action.REPORT_ONLY, rationale, cost.negate(),
                List.of("standard-resolution metric alarms at " + context.pricing().prices().alarmMonthUsd()
                        + " USD each a month; created when the changes are applied")));
    }

    static List<String> alarmsFor(FunctionConfig config) {
        List<String> alarms = new ArrayList<>(List.of(ERRORS, THROTTLES, DURATION_NEAR_TIMEOUT));
        if (config.deadLetterTargetArn() != null && config.deadLetterTargetArn().startsWith("arn:aws:sqs:")) {
            alarms.add(DLQ_DEPTH);
        }
        return alarms;
    }
}
