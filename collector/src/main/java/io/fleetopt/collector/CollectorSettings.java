package io.fleetopt.collector;

import io.fleetopt.collector.aws.CollectionLimits;
import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.scope.Scope;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * What the weekly Collect state looks at ({@code fleetopt.collector.*}, set by infra from its context values).
 *
 * @param regions              regions to collect
 * @param lookbackDays         days of metrics, at least 7
 * @param scopeTags            key=value tags a function must all have
 * @param namePatterns         name globs, any of which a function must match (none: every name)
 * @param parallelism          AWS calls in flight at once
 * @param timeBudgetMinutes    the bound of the whole collection (the Lambda's own timeout is 15 minutes)
 * @param logsInsightsBudgetGb the most Logs Insights may scan, in GB (0: not used)
 * @param filterLogEventsBudget the most FilterLogEvents calls a run makes for REPORT lines (functions beyond it are named)
 */
@ConfigurationProperties("fleetopt.collector")
public record CollectorSettings(
        @Bindable(defaultValue = "us-east-1") List<String> regions,
        @Bindable(defaultValue = "14") int lookbackDays,
        @Bindable(defaultValue = "") List<String> scopeTags,
        @Bindable(defaultValue = "") List<String> namePatterns,
        @Bindable(defaultValue = "4") int parallelism,
        @Bindable(defaultValue = "12") int timeBudgetMinutes,
        @Bindable(defaultValue = "25") double logsInsightsBudgetGb,
        @Bindable(defaultValue = "5000") long filterLogEventsBudget) {

    public CollectRequest request(String runId) {
        return new CollectRequest(runId, regions, lookbackDays, new Scope(nonBlank(scopeTags), nonBlank(namePatterns)));
    }

    public CollectionLimits limits() {
        CollectionLimits defaults = CollectionLimits.defaults();
        return new CollectionLimits(parallelism, Duration.ofMinutes(timeBudgetMinutes), logsInsightsBudgetGb,
                filterLogEventsBudget, defaults.scanPages(), defaults.minInvocationsForDetails(), defaults.queryPollInitial());
    }

    private static List<String> nonBlank(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> !v.isBlank()).toList();
    }
}
