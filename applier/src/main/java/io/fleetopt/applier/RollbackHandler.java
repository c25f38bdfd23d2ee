package io.fleetopt.applier;

import io.fleetopt.aws.StageContextBuilder;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the Rollback function: EventBridge's guard alarm state changes, outside the weekly run. */
public class RollbackHandler extends MicronautRequestHandler<AlarmStateChangeEvent, AlarmRollbackResult> {

    @Inject
    AlarmRollback stage;

    public RollbackHandler() {
    }

    public RollbackHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The context Lambda starts for this handler: see {@link StageContextBuilder}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return StageContextBuilder.forLambda(getClass());
    }

    @Override
    public AlarmRollbackResult execute(AlarmStateChangeEvent input) {
        return stage.handle(input.toStateChange());
    }
}
