package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.fleetopt.aws.StageContextBuilder;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the NotifyIndexedPlan state (a run over several accounts). */
public class NotifyIndexedPlanHandler extends MicronautRequestHandler<RunState, RunState> {

    @Inject
    NotifyIndexedPlanStage stage;

    public NotifyIndexedPlanHandler() {
    }

    public NotifyIndexedPlanHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The context Lambda starts for this handler: see {@link StageContextBuilder}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return StageContextBuilder.forLambda(getClass());
    }

    @Override
    public RunState execute(RunState input) {
        return stage.run(input);
    }
}
