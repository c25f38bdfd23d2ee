package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the RequestApproval state. */
public class RequestApprovalHandler extends MicronautRequestHandler<RunState, RunState> {

    @Inject
    NotifyStage stage;

    public RequestApprovalHandler() {
    }

    public RequestApprovalHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    @Override
    public RunState execute(RunState input) {
        return stage.requestApproval(input, "Open the review link in this email to approve or reject.");
    }
}
