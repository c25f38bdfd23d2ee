package io.fleetopt.applier;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** What PromoteCanaries did: how many canaries it promoted, and each alias's outcome (promoted, or left and why). */
@Serdeable
public record PromoteCanariesResponse(String runId, int promoted, List<CanaryPromotion.Promotion> promotions) {
}
