package io.fleetopt.core.port;

import io.fleetopt.core.model.DateRange;
import io.fleetopt.core.model.FunctionUsage;

import java.util.List;

/** Functions' own usage over a range of days (CloudWatch's AWS/Lambda metrics in AWS). Read-only. */
public interface FunctionUsageHistory {

    /** One entry per function asked for, in that order; a function that did not run has zero invocations. */
    List<FunctionUsage> usage(List<String> functionArns, DateRange days);

    /** How many paid metrics one function's usage takes to read (CloudWatch GetMetricData bills per metric). */
    default int metricsPerFunction() {
        return 0;
    }
}
