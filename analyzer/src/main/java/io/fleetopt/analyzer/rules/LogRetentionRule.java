package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.FunctionPolicy;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionConfig;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.model.SettingValues;
import io.fleetopt.core.pricing.Pricing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A log group that never expires gets a retention: the {@code fleetopt:retention-days} tag, else the policy's
 * days for the function's environment, else its default (30). The saving is the storage that stops piling up.
 */
public final class LogRetentionRule implements Rule {

    /** Without the log group's age, stored bytes are taken to have accrued evenly over a year. */
    static final int ASSUMED_ACCRUAL_DAYS = 365;

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.LOG_RETENTION;
    }

    @Override
    public boolean needsMetricEvidence() {
        return false;
    }

    @Override
    public boolean canApply() {
        return true;
    }

    @Override
    public List<String> iamActions() {
        return io.fleetopt.core.change.SettingKinds.iamActionsOf(kind());
    }

    @Override
    public Optional<Recommendation> evaluate(FunctionProfile function, RuleContext context) {
        FunctionConfig config = function.config();
        if (config.logRetentionDays() != null || config.isUnknown("logRetentionDays")) {
            return Optional.empty();
        }
        FunctionPolicy own = context.function();
        int retention = own.retentionDays();
        long stored = config.logStoredBytes() == null ? 0 : config.logStoredBytes();
        long keptBytes = Math.min(stored, stored / ASSUMED_ACCRUAL_DAYS * retention);
        BigDecimal saving = context.pricing().logStorageMonthlyUsd(stored - keptBytes);
        String rationale = String.format(Locale.ROOT,
                "log group %s never expires and holds %s: keeping %d days (%s) leaves about %s and saves %s/month in storage.",
                config.logGroupName(), Numbers.gb(stored), retention, own.retentionReason(), Numbers.gb(keptBytes), Numbers.usd(Pricing.cents(saving)));
        return Optional.of(RecommendationFactory.recommend(function, kind(), SettingValues.NEVER_EXPIRES,
                Integer.toString(retention), Risk.LOW, Action.APPLY, rationale, saving,
                List.of("stored bytes accrued evenly over " + ASSUMED_ACCRUAL_DAYS + " days",
                        "storage price " + context.pricing().prices().logStorageGbMonthUsd() + " USD per GB-month in "
                                + context.pricing().prices().region())));
    }
}
