package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.fleetopt.aws.StageContextBuilder;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the NotifySummary state. */
public class NotifySummaryHandler extends MicronautRequestHandler<RunState, RunState> {

    @Inject
    NotifyStage stage;

    public NotifySummaryHandler() {
    }

    public NotifySummaryHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The context Lambda starts for this handler: see {@link StageContextBuilder}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return StageContextBuilder.forLambda(getClass());
    }

    @Override
    public RunState execute(RunState input) {
        return stage.notifySummary(input);
    }
}
