package io.fleetopt.analyzer.rules;

import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.AliasDelivery;
import io.fleetopt.core.model.FunctionAlias;
import io.fleetopt.core.model.FunctionProfile;
import io.fleetopt.core.model.FunctionQualifiers;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.pricing.Pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the way a function is invoked does to its configuration items (memory, timeout, tracing: the settings a
 * published version freezes). Through an alias, the change reaches the traffic only by publishing a version and
 * moving the alias, which the item's rationale says; an alias someone else moves (CodeDeploy, CloudFormation, SAM)
 * or a {@code $LATEST} that differs from what the alias serves makes the item a finding; an alias's provisioned
 * concurrency is priced at the new memory. Unqualified functions' items are unchanged.
 */
public final class AliasItems {

    /** How long the new version is kept warm beside the old one: until the next weekly run promotes it. */
    static final int CANARY_DAYS = 7;

    private AliasItems() {
    }

    public static Recommendation review(FunctionProfile function, Recommendation item, Pricing pricing) {
        FunctionQualifiers qualifiers = function.qualifiers();
        if (qualifiers == null || !item.kind().carriesRevisionId() || item.action() != Action.APPLY) {
            return item;
        }
        if (qualifiers.isUnknown(FunctionQualifiers.ALIASES)
                || (!qualifiers.aliases().isEmpty() && qualifiers.isUnknown(FunctionQualifiers.TRAFFIC))) {
            return finding(item, "how it is invoked is unknown (its aliases or their invocations could not be read): a change to"
                    + " $LATEST may not reach its traffic");
        }
        Optional<FunctionAlias> traffic = function.trafficAlias();
        if (traffic.isEmpty()) {
            return item;
        }
        FunctionAlias alias = traffic.get();
        Optional<String> elsewhere = AliasDelivery.managedElsewhere(function.config().tags(), alias, qualifiers)
                .or(() -> AliasDelivery.unpublishedChange(function.config(), alias, qualifiers));
        if (elsewhere.isPresent()) {
            return finding(item, elsewhere.get() + "; a finding, not a change");
        }
        String share = qualifiers.shareOf(alias, function.metrics().invocations()).map(s -> Numbers.percent(s) + " of invocations")
                .orElse("SnapStart runs published versions only");
        Integer provisioned = alias.provisionedConcurrency();
        boolean warm = provisioned != null && provisioned > 0;
        String rationale = item.rationale() + " Invoked through alias " + alias.name() + " (" + share + "): fleetopt"
                + " publishes the change as a new version and moves " + alias.name() + " to it, " + (warm
                ? "whole, once the new version's own provisioned concurrency is ready (Lambda allows no weights on an alias with"
                + " provisioned concurrency)."
                : Numbers.percent(AliasDelivery.CANARY_WEIGHT) + " of its traffic first, all of it at the next weekly run.");
        BigDecimal saving = item.monthlySavingUsd();
        List<String> assumptions = new ArrayList<>(item.assumptions());
        if (item.kind() == RecommendationKind.MEMORY && warm) {
            int from = Integer.parseInt(item.currentValue());
            int to = Integer.parseInt(item.proposedValue());
            BigDecimal before = pricing.provisionedMonthlyUsd(provisioned, from);
            BigDecimal after = pricing.provisionedMonthlyUsd(provisioned, to);
            BigDecimal overlap = after.multiply(BigDecimal.valueOf(CANARY_DAYS)).divide(BigDecimal.valueOf(Pricing.DAYS_PER_MONTH),
                    java.math.MathContext.DECIMAL64);
            saving = Pricing.cents(saving.add(before.subtract(after)));
            rationale += " Its provisioned concurrency of " + provisioned + " moves with the alias: "
                    + Numbers.usd(before) + "/month at " + Numbers.mb(from) + ", " + Numbers.usd(after) + " at " + Numbers.mb(to)
                    + ", plus " + Numbers.usd(overlap) + " once for the new version's warm copy until the next weekly run removes it.";
            assumptions.add("provisioned concurrency " + provisioned + " on alias " + alias.name()
                    + " priced at the new memory; the new version is provisioned too from publication to promotion ("
                    + CANARY_DAYS + " days, " + Numbers.usd(overlap) + " once, not in the monthly saving)");
        }
        return new Recommendation(item.id(), item.functionArn(), item.functionName(), item.kind(), item.currentValue(),
                item.proposedValue(), item.risk(), item.action(), rationale, saving, List.copyOf(assumptions),
                item.plannedRevisionId(), item.warnings());
    }

    private static Recommendation finding(Recommendation item, String reason) {
        List<String> warnings = new ArrayList<>(item.warnings());
        warnings.add(reason);
        return new Recommendation(item.id(), item.functionArn(), item.functionName(), item.kind(), item.currentValue(),
                item.proposedValue(), item.risk(), Action.REPORT_ONLY, item.rationale() + " Not applied: " + reason + ".",
                item.monthlySavingUsd(), item.assumptions(), item.plannedRevisionId(), List.copyOf(warnings));
    }
}
