package io.fleetopt.notifier;

import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The estimated monthly saving of what a run applied: its APPLIED items' estimates in the plan. */
public final class AppliedEstimate {

    private AppliedEstimate() {
    }

    public static BigDecimal monthlyUsd(Plan plan, ApplyResult result) {
        Map<String, Recommendation> items = plan.items().stream().collect(Collectors.toMap(Recommendation::id, Function.identity()));
        return result.items().stream().filter(i -> i.status() == ApplyStatus.APPLIED)
                .map(ItemOutcome::itemId).map(items::get).map(Recommendation::monthlySavingUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
