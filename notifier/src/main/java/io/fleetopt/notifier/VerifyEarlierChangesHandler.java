package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;

/** Lambda handler of the VerifyEarlierChanges state. */
public class VerifyEarlierChangesHandler extends MicronautRequestHandler<RunState, RunState> {

    public VerifyEarlierChangesHandler() {
    }

    public VerifyEarlierChangesHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    @Override
    public RunState execute(RunState input) {
        // TODO(lead): pass-through until the lead's VerifyEarlierChanges stage lands; it replaces this handler when merging.
        return input;
    }
}
