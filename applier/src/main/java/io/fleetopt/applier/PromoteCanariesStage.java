package io.fleetopt.applier;

import io.fleetopt.core.model.RunState;

import java.util.List;

/** The PromoteCanaries state: promotes earlier runs' canaries ({@link CanaryPromotion}); the run's state passes through. */
public final class PromoteCanariesStage {

    private final CanaryPromotion promotion;

    public PromoteCanariesStage(CanaryPromotion promotion) {
        this.promotion = promotion;
    }

    public PromoteCanariesResponse run(RunState state) {
        List<CanaryPromotion.Promotion> promotions = promotion.promote();
        return new PromoteCanariesResponse(state.runId(), (int) promotions.stream().filter(CanaryPromotion.Promotion::promoted).count(),
                promotions);
    }
}
