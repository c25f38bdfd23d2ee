package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.fleetopt.aws.StageContextBuilder;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the NotifyExpired state: nobody decided within the approval timeout. */
public class NotifyExpiredHandler extends MicronautRequestHandler<RunState, RunState> {

    @Inject
    NotifyStage stage;

    public NotifyExpiredHandler() {
    }

    public NotifyExpiredHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The context Lambda starts for this handler: see {@link StageContextBuilder}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return StageContextBuilder.forLambda(getClass());
    }

    @Override
    public RunState execute(RunState input) {
        return stage.notifyExpired(input);
    }
}
