package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;

/** Lambda handler of the WireAlarms state. */
public class WireAlarmsHandler extends MicronautRequestHandler<RunState, RunState> {

    public WireAlarmsHandler() {
    }

    public WireAlarmsHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    @Override
    public RunState execute(RunState input) {
        // TODO(lead): pass-through until the lead's WireAlarms stage lands; it replaces this handler when merging.
        return input;
    }
}
