package io.fleetopt.infra;

import io.fleetopt.core.telemetry.RunMetric;
import io.fleetopt.core.telemetry.StageMetrics;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.AlarmBase;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CloudWatch dashboard of fleetopt itself: the weekly runs' outcomes (Step Functions), estimated vs realized
 * savings and the run's own cost, what each run collected, planned, approved and applied (the stages' EMF metrics,
 * namespace {@value StageMetrics#NAMESPACE}), each stage function's duration and errors (Lambda), and the status of
 * the stack's alarms on its own failures. Functions and alarms are found in the stack, so ones added later show too.
 */
public final class OperationsDashboard extends Construct {

    static final Duration RUN_PERIOD = Duration.days(1);
    static final Duration STAGE_PERIOD = Duration.hours(1);

    private final Dashboard dashboard;

    public OperationsDashboard(Construct scope, String id, String dashboardName, StateMachine weeklyRun) {
        super(scope, id);
        List<Function> functions = new ArrayList<>();
        List<IAlarm> alarms = new ArrayList<>();
        for (IConstruct node : scope.getNode().findAll()) {
            if (node instanceof Function function) {
                functions.add(function);
            } else if (node instanceof AlarmBase alarm) {
                alarms.add(alarm);
            }
        }
        MetricOptions daily = MetricOptions.builder().period(RUN_PERIOD).statistic("Sum").build();
        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(dashboardName)
                .defaultInterval(Duration.days(91))
                .build();
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("# fleetopt\nThe weekly run of the Lambda fleet optimizer: its outcome, what it saves, and its own health.")
                .width(24).height(2).build());
        dashboard.addWidgets(
                graph("Weekly runs", List.of(weeklyRun.metricSucceeded(daily), weeklyRun.metricFailed(daily),
                        weeklyRun.metricTimedOut(daily), weeklyRun.metricAborted(daily))),
                graph("Savings (USD a month): estimated by the plan, realized by earlier changes", List.of(
                        run(RunMetric.ESTIMATED_MONTHLY_SAVINGS_USD, "Analyze"),
                        run(RunMetric.REALIZED_MONTHLY_SAVINGS_USD, "VerifyEarlierChanges"))),
                graph("The run's own AWS cost (USD)", List.of(run(RunMetric.RUN_COST_USD, "Analyze"))));
        dashboard.addWidgets(
                graph("Functions collected, evidence unavailable", List.of(
                        run(RunMetric.FUNCTIONS_COLLECTED, "Collect"), run(RunMetric.EVIDENCE_UNAVAILABLE, "Collect"))),
                graph("Items planned, to approve, approved", List.of(run(RunMetric.ITEMS_PLANNED, "Analyze"),
                        run(RunMetric.ITEMS_TO_APPROVE, "Analyze"), run(RunMetric.ITEMS_APPROVED, "ReviewEndpoint"))),
                graph("Items applied, failed, skipped", List.of(run(RunMetric.ITEMS_APPLIED, "RecordApplyResult"),
                        run(RunMetric.ITEMS_FAILED, "RecordApplyResult"),
                        run(RunMetric.ITEMS_SKIPPED_BY_GUARD, "RecordApplyResult"),
                        run(RunMetric.ITEMS_SKIPPED_DRIFT, "RecordApplyResult"))));
        MetricOptions stageMax = MetricOptions.builder().period(STAGE_PERIOD).statistic("Maximum").build();
        MetricOptions stageSum = MetricOptions.builder().period(STAGE_PERIOD).statistic("Sum").build();
        List<IMetric> durations = new ArrayList<>();
        List<IMetric> errors = new ArrayList<>();
        for (Function function : functions) {
            String label = function.getNode().getId().replace("Function", "");
            durations.add(function.metricDuration(stageMax).with(MetricOptions.builder().label(label).build()));
            errors.add(function.metricErrors(stageSum).with(MetricOptions.builder().label(label).build()));
        }
        dashboard.addWidgets(graph("Stage duration (ms, maximum)", durations), graph("Stage errors", errors));
        if (!alarms.isEmpty()) {
            dashboard.addWidgets(AlarmStatusWidget.Builder.create()
                    .title("Alarms on fleetopt's own failures")
                    .alarms(alarms)
                    .width(24)
                    .build());
        }
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    /** A stage's EMF metric, as the stage's telemetry publishes it (namespace fleetopt, dimension Stage). */
    static Metric run(RunMetric metric, String stage) {
        return Metric.Builder.create()
                .namespace(StageMetrics.NAMESPACE)
                .metricName(metric.metricName())
                .dimensionsMap(Map.of("Stage", stage))
                .statistic("Maximum")
                .period(RUN_PERIOD)
                .label(metric.metricName())
                .build();
    }

    private static IWidget graph(String title, List<? extends IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(List.copyOf(metrics)).width(metrics.size() > 6 ? 12 : 8)
                .height(6).build();
    }
}
