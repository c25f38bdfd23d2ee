package io.fleetopt.analyzer.rules;

import io.fleetopt.analyzer.AnalyzerPolicy;
import io.fleetopt.core.model.FleetSnapshot;
import io.fleetopt.core.pricing.Pricing;

/** What every rule may consult besides the function itself. */
public record RuleContext(AnalyzerPolicy policy, Pricing pricing, FleetSnapshot snapshot) {
}
