package io.fleetopt.core.demo;

import io.fleetopt.core.port.AlarmStateChange;
import io.fleetopt.core.port.GuardAlarm;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The demo account's CloudWatch: it evaluates each guard alarm against the demo's own metrics, a day at a time (the
 * demo keeps daily figures): a day's errors and throttles spread evenly over its 5-minute periods, the day's
 * duration p99 (as the collector reports it: at most 1.9 times the average, never above the maximum), its maximum
 * duration and max memory used. The first day that reaches the threshold puts the alarm into ALARM. The demo has no
 * SQS queues, so a dead-letter depth alarm never fires (CloudWatch's "missing data is not breaching").
 */
final class DemoAlarmEvaluator {

    private static final double SECONDS_PER_DAY = 86_400.0;

    private final BiFunction<String, LocalDate, Optional<DemoMetrics.DayUsage>> dayOf;

    /** {@code dayOf}: a function's usage on a day (by name), as it ran with that day's settings; empty before its data. */
    DemoAlarmEvaluator(BiFunction<String, LocalDate, Optional<DemoMetrics.DayUsage>> dayOf) {
        this.dayOf = dayOf;
    }

    List<AlarmStateChange> evaluate(List<GuardAlarm> alarms, LocalDate from, LocalDate toExclusive) {
        List<AlarmStateChange> changes = new ArrayList<>();
        for (GuardAlarm alarm : alarms) {
            for (LocalDate date = from; date.isBefore(toExclusive); date = date.plusDays(1)) {
                Optional<DemoMetrics.DayUsage> day = dayOf.apply(alarm.functionName(), date);
                if (day.isEmpty() || day.get().invocations() == 0) {
                    continue;
                }
                Optional<Double> value = value(alarm, day.get());
                if (value.isPresent() && value.get() >= alarm.threshold()) {
                    changes.add(new AlarmStateChange(alarm.name(), alarm.description(), AlarmStateChange.ALARM,
                            String.format(Locale.ROOT, "Threshold Crossed: the demo's %s %s of %s was %.1f, greater than or equal "
                                    + "to the threshold (%.1f)", alarm.metricName(), alarm.statistic(), date, value.get(),
                                    alarm.threshold()),
                            date.atTime(23, 0).toInstant(ZoneOffset.UTC), DemoAccount.ACCOUNT_ID, DemoAccount.REGION));
                    break;
                }
            }
        }
        return changes;
    }

    /** The day's value of the alarm's metric and statistic, or empty for a metric the demo does not have. */
    private static Optional<Double> value(GuardAlarm alarm, DemoMetrics.DayUsage day) {
        double periodsPerDay = SECONDS_PER_DAY / alarm.periodSeconds();
        return switch (alarm.namespace() + "/" + alarm.metricName() + "/" + alarm.statistic()) {
            case "AWS/Lambda/Errors/Sum" -> Optional.of(day.errors() / periodsPerDay);
            case "AWS/Lambda/Throttles/Sum" -> Optional.of(day.throttles() / periodsPerDay);
            case "AWS/Lambda/Duration/Maximum" -> Optional.of(day.maxDurationMs());
            case "AWS/Lambda/Duration/p99" -> Optional.of(Math.min(day.maxDurationMs(), day.averageDurationMs() * 1.9));
            case "LambdaInsights/used_memory_max/Maximum" -> day.maxMemoryUsedMb() > 0
                    ? Optional.of((double) day.maxMemoryUsedMb()) : Optional.empty();
            default -> Optional.empty();
        };
    }
}
