package io.fleetopt.core.change;

import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.MemorySource;
import io.fleetopt.core.model.RecommendationKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which guard alarms a function gets after its changes, the one rule the plan and WireAlarms both read: the kinds'
 * registry lists them ({@link SettingKind#guardAlarms()}), and the function's evidence says which can be wired. The
 * p99 alarm needs the function's own p99 before the change; the max-memory-used alarm needs Lambda Insights (the
 * only source CloudWatch can alarm on; the plan says when there is none); the dead-letter depth alarm needs an SQS
 * dead-letter queue.
 *
 * @param wired    the alarms WireAlarms puts, in the enum's order
 * @param notWired why an alarm the kinds ask for is not there, one sentence each
 */
public record GuardAlarmCoverage(List<GuardAlarmKind> wired, List<String> notWired) {

    public GuardAlarmCoverage {
        wired = List.copyOf(wired);
        notWired = List.copyOf(notWired);
    }

    public static GuardAlarmCoverage of(Collection<RecommendationKind> changed, FunctionProfile function) {
        Set<GuardAlarmKind> wanted = EnumSet.noneOf(GuardAlarmKind.class);
        changed.forEach(kind -> SettingKinds.of(kind).ifPresent(k -> wanted.addAll(k.guardAlarms())));
        List<GuardAlarmKind> wired = new ArrayList<>();
        List<String> notWired = new ArrayList<>();
        for (GuardAlarmKind kind : wanted) {
            switch (kind) {
                case P99_SLOWDOWN -> {
                    if (function.metrics().durationP99Ms() != null && function.metrics().durationP99Ms() > 0) {
                        wired.add(kind);
                    } else {
                        notWired.add("no duration p99 alarm: the snapshot has no p99 of the function before the change");
                    }
                }
                case MAX_MEMORY_USED -> {
                    if (function.metrics().memorySource() == MemorySource.LAMBDA_INSIGHTS) {
                        wired.add(kind);
                    } else {
                        notWired.add("no max-memory-used alarm: its memory evidence is "
                                + function.metrics().memorySource().description()
                                + ", and only Lambda Insights publishes a metric an alarm can watch");
                    }
                }
                case DLQ_DEPTH -> sqsQueueName(function.config().deadLetterTargetArn()).ifPresent(q -> wired.add(kind));
                default -> wired.add(kind);
            }
        }
        return new GuardAlarmCoverage(wired, notWired);
    }

    /** The queue name of an SQS ARN (arn:PARTITION:sqs:REGION:ACCOUNT:NAME), or empty for anything else. */
    public static Optional<String> sqsQueueName(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && "arn".equals(parts[0]) && "sqs".equals(parts[2]) && !parts[5].isBlank()
                ? Optional.of(parts[5]) : Optional.empty();
    }
}
