package io.fleetopt.applier;

import io.fleetopt.core.model.RunState;
import io.fleetopt.aws.StageContextBuilder;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the PromoteCanaries state, the first of the weekly run after VerifyEarlierChanges. */
public class PromoteCanariesHandler extends MicronautRequestHandler<RunState, PromoteCanariesResponse> {

    @Inject
    PromoteCanariesStage stage;

    public PromoteCanariesHandler() {
    }

    public PromoteCanariesHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The context Lambda starts for this handler: see {@link StageContextBuilder}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return StageContextBuilder.forLambda(getClass());
    }

    @Override
    public PromoteCanariesResponse execute(RunState input) {
        return stage.run(input);
    }
}
