package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.fleetopt.aws.StageContextBuilder;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the NotifyFailure state: a stage failed. */
public class NotifyFailureHandler extends MicronautRequestHandler<FailureNotice, RunState> {

    @Inject
    NotifyStage stage;

    public NotifyFailureHandler() {
    }

    public NotifyFailureHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The context Lambda starts for this handler: see {@link StageContextBuilder}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return StageContextBuilder.forLambda(getClass());
    }

    @Override
    public RunState execute(FailureNotice input) {
        return stage.notifyFailure(input);
    }
}
