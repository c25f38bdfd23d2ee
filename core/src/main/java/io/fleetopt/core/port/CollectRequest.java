package io.fleetopt.core.port;

import io.fleetopt.core.scope.Scope;

import java.util.List;

/** What to collect: the run, the regions, how many days back, and which functions are in scope. */
public record CollectRequest(String runId, List<String> regions, int lookbackDays, Scope scope) {

    public static final int MIN_LOOKBACK_DAYS = 7;

    public CollectRequest {
        if (lookbackDays < MIN_LOOKBACK_DAYS || lookbackDays > 455) {
            throw new IllegalArgumentException("lookback days must be between " + MIN_LOOKBACK_DAYS
                    + " and 455 (CloudWatch keeps hourly data 455 days), got " + lookbackDays);
        }
    }
}
