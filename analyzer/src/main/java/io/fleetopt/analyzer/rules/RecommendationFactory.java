package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.pricing.Pricing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Builds recommendations with stable ids: the same function and kind always get the same id. */
public final class RecommendationFactory {

    private RecommendationFactory() {
    }

    public static Recommendation recommend(FunctionProfile function, RecommendationKind kind, String currentValue,
                                           String proposedValue, Risk risk, Action action, String rationale,
                                           BigDecimal monthlySavingUsd, List<String> assumptions) {
        return recommend(function, kind, currentValue, proposedValue, risk, action, rationale, monthlySavingUsd,
                assumptions, List.of());
    }

    public static Recommendation recommend(FunctionProfile function, RecommendationKind kind, String currentValue,
                                           String proposedValue, Risk risk, Action action, String rationale,
                                           BigDecimal monthlySavingUsd, List<String> assumptions, List<String> warnings) {
        return new Recommendation(stableId(function.arn(), kind), function.arn(), function.name(), kind, currentValue,
                proposedValue, risk, action, rationale, Pricing.cents(monthlySavingUsd), List.copyOf(assumptions),
                function.config().revisionId(), List.copyOf(warnings));
    }

    /** The kind and a 64-bit FNV-1a hash of the ARN: the same on every machine and JVM, and cheap for large fleets. */
    static String stableId(String functionArn, RecommendationKind kind) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : functionArn.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + HexFormat.of().toHexDigits(hash);
    }

    /** Invocations of the lookback scaled to a 30-day month. */
    static double monthlyInvocations(long invocations, int days) {
        return invocations * (double) Pricing.DAYS_PER_MONTH / Math.max(1, days);
    }

    static String trafficAssumption(int days) {
        return "traffic of the last " + days + " days, scaled to 30 days";
    }
}
