package io.fleetopt.applier;

import io.fleetopt.core.model.RunState;
import io.fleetopt.aws.StageContextBuilder;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the AutoApply state. */
public class AutoApplyHandler extends MicronautRequestHandler<RunState, AutoApplyResponse> {

    @Inject
    AutoApplyStage stage;

    public AutoApplyHandler() {
    }

    public AutoApplyHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The context Lambda starts for this handler: see {@link StageContextBuilder}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return StageContextBuilder.forLambda(getClass());
    }

    @Override
    public AutoApplyResponse execute(RunState input) {
        return stage.run(input);
    }
}
