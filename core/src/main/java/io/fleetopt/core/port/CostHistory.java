package io.fleetopt.core.port;

import java.time.LocalDate;

/** The account's daily Lambda cost and usage (Cost Explorer in AWS). */
public interface CostHistory {

    /** One entry per day in [from, to), with the number of paid calls it took. */
    LambdaCosts dailyLambdaCost(LocalDate from, LocalDate toExclusive);
}
