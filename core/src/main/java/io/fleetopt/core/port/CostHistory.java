package io.fleetopt.core.port;

import io.fleetopt.core.model.DateRange;

import java.time.LocalDate;
import java.util.Map;

/** The account's daily Lambda cost and usage (Cost Explorer in AWS). */
public interface CostHistory {

    /** One entry per day in [from, to), with the number of paid calls it took. */
    LambdaCosts dailyLambdaCost(LocalDate from, LocalDate toExclusive);

    /**
     * Each function's on-demand cost over {@code days} at the finest granularity the account has: resource-level data
     * (in Cost Explorer an opt-in setting, for the last 14 days), else an active cost-allocation tag whose values
     * tell the functions of {@code tagsByArn} apart (their tags as collected); otherwise unavailable, with the reason.
     */
    FunctionCosts lambdaCostByFunction(DateRange days, Map<String, Map<String, String>> tagsByArn);
}
