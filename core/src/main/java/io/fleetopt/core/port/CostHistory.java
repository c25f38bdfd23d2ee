package io.fleetopt.core.port;

import java.time.LocalDate;
import java.util.List;

/** The account's daily Lambda cost and usage (Cost Explorer in AWS). */
public interface CostHistory {

    /** One entry per day in [from, to). */
    List<DailyCost> dailyLambdaCost(LocalDate from, LocalDate toExclusive);
}
