package io.fleetopt.analyzer.rules;

import io.fleetopt.core.change.GuardAlarmCoverage;
import io.fleetopt.core.change.GuardAlarmKind;
import io.fleetopt.core.change.SettingKind;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.pricing.Pricing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The guard alarms a changed function gets, wired by WireAlarms once a change is applied: the ones the change kinds'
 * registry lists for its APPLY items ({@link SettingKind#guardAlarms()}) that the function's evidence allows
 * ({@link GuardAlarmCoverage}: a p99 alarm needs its p99, a max-memory-used alarm Lambda Insights, a dead-letter depth
 * alarm an SQS queue), with their monthly cost; an alarm it cannot have is named in the assumptions with the reason.
 * What happens when one fires depends on where fleetopt runs, and the summary says it (GuardResponse). Runs after
 * the rules that propose changes.
 */
public final class AlarmsRule implements Rule {

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
        GuardAlarmCoverage coverage = GuardAlarmCoverage.of(changes.stream().map(Recommendation::kind).toList(), function);
        if (coverage.wired().isEmpty()) {
            return Optional.empty();
        }
        List<String> alarms = coverage.wired().stream().map(GuardAlarmKind::label).toList();
        BigDecimal cost = context.pricing().alarmsMonthlyUsd(alarms.size());
        String changed = String.join(", ", changes.stream().map(i -> i.kind().label()).toList());
        String rationale = String.format(Locale.ROOT,
                "the %s change%s to %s will be guarded by %d alarms (%s), for %s/month%s.",
                changed, changes.size() > 1 ? "s" : "", function.name(), alarms.size(),
                String.join(", ", alarms).toLowerCase(Locale.ROOT), Numbers.usd(Pricing.cents(cost)),
                coverage.notWired().stream().map(n -> "; " + n).collect(java.util.stream.Collectors.joining()));
        return Optional.of(RecommendationFactory.recommend(function, kind(), "none", String.join(", ", alarms), Risk.LOW,
                Action.REPORT_ONLY, rationale, cost.negate(),
                List.of("standard-resolution metric alarms at " + context.pricing().prices().alarmMonthUsd()
                        + " USD each a month; created when the changes are applied")));
    }
}
