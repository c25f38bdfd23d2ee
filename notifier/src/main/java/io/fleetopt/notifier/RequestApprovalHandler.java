package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.fleetopt.aws.StageContextBuilder;
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

    /** The context Lambda starts for this handler: see {@link StageContextBuilder}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return StageContextBuilder.forLambda(getClass());
    }

    @Override
    public RunState execute(ApprovalRequest input) {
        return stage.request(input);
    }
}
