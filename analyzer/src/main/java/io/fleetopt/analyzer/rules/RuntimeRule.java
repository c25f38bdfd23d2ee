package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A runtime past its end of support (HIGH) or within 180 days of it (MEDIUM), dated against the snapshot's
 * collection day. REPORT_ONLY: a runtime upgrade needs a code change and a test by the owner.
 */
public final class RuntimeRule implements Rule {

    public static final int WARNING_DAYS = 180;

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.RUNTIME;
    }

    @Override
    public boolean needsMetricEvidence() {
        return false;
    }

    @Override
    public boolean canApply() {
        return false;
    }

    @Override
    public List<String> iamActions() {
        return List.of("lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration");
    }

    @Override
    public Optional<Recommendation> evaluate(FunctionProfile function, RuleContext context) {
        String runtime = function.config().runtime();
        if (runtime == null) {
            return Optional.empty();
        }
        Optional<LocalDate> deprecated = RuntimeDeprecations.deprecatedOn(runtime);
        if (deprecated.isEmpty()) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.ofInstant(context.snapshot().collectedAt(), ZoneOffset.UTC);
        long days = ChronoUnit.DAYS.between(today, deprecated.get());
        if (days > WARNING_DAYS) {
            return Optional.empty();
        }
        Risk risk = days <= 0 ? Risk.HIGH : Risk.MEDIUM;
        String rationale = days <= 0
                ? String.format(Locale.ROOT, "%s runs on %s, out of support since %s (%d days ago): it gets no security patches and will soon be blocked from updates; move it to a supported runtime.",
                        function.name(), runtime, deprecated.get(), -days)
                : String.format(Locale.ROOT, "%s runs on %s, which reaches end of support on %s, in %d days: plan its move to a supported runtime now.",
                        function.name(), runtime, deprecated.get(), days);
        return Optional.of(RecommendationFactory.recommend(function, kind(), runtime, "a supported " + family(runtime) + " runtime",
                risk, Action.REPORT_ONLY, rationale, BigDecimal.ZERO,
                List.of("deprecation dates as published by AWS on " + RuntimeDeprecations.AS_OF)));
    }

    private static String family(String runtime) {
        return runtime.replaceAll("[0-9.]+(\\.x)?$", "").replace("al2", "");
    }
}
