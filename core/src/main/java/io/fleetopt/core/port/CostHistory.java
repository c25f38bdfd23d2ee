package io.fleetopt.core.port;

import io.fleetopt.core.model.DateRange;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The account's daily Lambda cost and usage (Cost Explorer in AWS). */
public interface CostHistory {

    /** One entry per day in [from, to), with the number of paid calls it took. */
    LambdaCosts dailyLambdaCost(LocalDate from, LocalDate toExclusive);

    /**
     * The daily Lambda cost of the member accounts {@code accountIds} together (in Cost Explorer: the organization's
     * linked accounts, which only its management account sees); unavailable, with the reason, from a history that
     * holds one account's costs only.
     */
    default LambdaCosts dailyLambdaCostOfAccounts(List<String> accountIds, LocalDate from, LocalDate toExclusive) {
        return LambdaCosts.unavailable(0, "none", "none", "this cost history holds one account's costs only, not those of account "
                + String.join(", ", accountIds));
    }

    /**
     * Each function's on-demand cost over {@code days} at the finest granularity the account has: resource-level data
     * (in Cost Explorer an opt-in setting, for the last 14 days), else an active cost-allocation tag whose values
     * tell the functions of {@code tagsByArn} apart (their tags as collected); otherwise unavailable, with the reason.
     */
    FunctionCosts lambdaCostByFunction(DateRange days, Map<String, Map<String, String>> tagsByArn);
}
