package io.fleetopt.collector;

import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.scope.Scope;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * What the weekly Collect state looks at ({@code fleetopt.collector.*}, set by infra from its context values).
 *
 * @param regions       regions to collect
 * @param lookbackDays  days of metrics, at least 7
 * @param scopeTags     key=value tags a function must all have
 * @param namePatterns  name globs, any of which a function must match (none: every name)
 */
@ConfigurationProperties("fleetopt.collector")
public record CollectorSettings(
        @Bindable(defaultValue = "us-east-1") List<String> regions,
        @Bindable(defaultValue = "14") int lookbackDays,
        @Bindable(defaultValue = "") List<String> scopeTags,
        @Bindable(defaultValue = "") List<String> namePatterns) {

    public CollectRequest request(String runId) {
        return new CollectRequest(runId, regions, lookbackDays, new Scope(nonBlank(scopeTags), nonBlank(namePatterns)));
    }

    private static List<String> nonBlank(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> !v.isBlank()).toList();
    }
}
