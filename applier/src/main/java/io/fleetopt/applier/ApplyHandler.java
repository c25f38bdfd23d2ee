package io.fleetopt.applier;

import io.fleetopt.core.model.RunState;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the Apply state. */
public class ApplyHandler extends MicronautRequestHandler<RunState, RunState> {

    @Inject
    ApplyStage stage;

    public ApplyHandler() {
    }

    public ApplyHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    @Override
    public RunState execute(RunState input) {
        return stage.run(input);
    }
}
