package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the WireAlarms state. */
public class WireAlarmsHandler extends MicronautRequestHandler<RunState, RunState> {

    @Inject
    WireAlarmsStage stage;

    public WireAlarmsHandler() {
    }

    public WireAlarmsHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    @Override
    public RunState execute(RunState input) {
        return stage.run(input);
    }
}
