package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the RequestApproval state (invoked with {@code .waitForTaskToken}). */
public class RequestApprovalHandler extends MicronautRequestHandler<ApprovalRequest, RunState> {

    @Inject
    RequestApprovalStage stage;

    public RequestApprovalHandler() {
    }

    public RequestApprovalHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    @Override
    public RunState execute(ApprovalRequest input) {
        return stage.request(input);
    }
}
