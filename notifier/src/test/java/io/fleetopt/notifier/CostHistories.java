package io.fleetopt.notifier;

import io.fleetopt.core.model.DateRange;
import io.fleetopt.core.port.CostHistory;
import io.fleetopt.core.port.FunctionCosts;
import io.fleetopt.core.port.LambdaCosts;

import java.time.LocalDate;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Cost histories for tests: the daily account cost from a function of the period, and per function where given. */
public final class CostHistories {

    private CostHistories() {
    }

    /** Without resource-level data, as most accounts are. */
    public static CostHistory accountWide(BiFunction<LocalDate, LocalDate, LambdaCosts> daily) {
        return of(daily, days -> FunctionCosts.unavailable(1, "Cost Explorer gives no resource-level Lambda data for " + days.display()
                + " (DataUnavailableException)"));
    }

    public static CostHistory of(BiFunction<LocalDate, LocalDate, LambdaCosts> daily, Function<DateRange, FunctionCosts> byFunction) {
        return of(daily, (days, tags) -> byFunction.apply(days));
    }

    /** With the per-function cost a function of the days and the changed functions' tags. */
    public static CostHistory of(BiFunction<LocalDate, LocalDate, LambdaCosts> daily,
                                 BiFunction<DateRange, java.util.Map<String, java.util.Map<String, String>>, FunctionCosts> byFunction) {
        return new CostHistory() {
            @Override
            public LambdaCosts dailyLambdaCost(LocalDate from, LocalDate toExclusive) {
                return daily.apply(from, toExclusive);
            }

            @Override
            public FunctionCosts lambdaCostByFunction(DateRange days, java.util.Map<String, java.util.Map<String, String>> tagsByArn) {
                return byFunction.apply(days, tagsByArn);
            }
        };
    }

    /** The daily cost of linked (member) accounts, as the organization's management account sees it. */
    public interface LinkedAccountsDaily {
        LambdaCosts of(java.util.List<String> accountIds, LocalDate from, LocalDate toExclusive);
    }

    /** {@code base}, and the member accounts' daily cost from {@code linked}. */
    public static CostHistory withLinkedAccounts(CostHistory base, LinkedAccountsDaily linked) {
        return new CostHistory() {
            @Override
            public LambdaCosts dailyLambdaCost(LocalDate from, LocalDate toExclusive) {
                return base.dailyLambdaCost(from, toExclusive);
            }

            @Override
            public LambdaCosts dailyLambdaCostOfAccounts(java.util.List<String> accountIds, LocalDate from, LocalDate toExclusive) {
                return linked.of(accountIds, from, toExclusive);
            }

            @Override
            public FunctionCosts lambdaCostByFunction(DateRange days, java.util.Map<String, java.util.Map<String, String>> tagsByArn) {
                return base.lambdaCostByFunction(days, tagsByArn);
            }
        };
    }
}
