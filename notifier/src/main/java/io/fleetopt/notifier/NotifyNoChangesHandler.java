package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the NotifyNoChanges state. */
public class NotifyNoChangesHandler extends MicronautRequestHandler<RunState, RunState> {

    @Inject
    NotifyStage stage;

    public NotifyNoChangesHandler() {
    }

    public NotifyNoChangesHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    @Override
    public RunState execute(RunState input) {
        return stage.notifyNoChanges(input);
    }
}
