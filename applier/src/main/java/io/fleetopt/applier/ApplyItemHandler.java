package io.fleetopt.applier;

import io.fleetopt.aws.StageContextBuilder;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the ApplyItem state: one iteration of the ApplyApproved Map. */
public class ApplyItemHandler extends MicronautRequestHandler<ApplyItemRequest, ApplyItemResponse> {

    @Inject
    ApplyItemStage stage;

    public ApplyItemHandler() {
    }

    public ApplyItemHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The context Lambda starts for this handler: see {@link StageContextBuilder}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return StageContextBuilder.forLambda(getClass());
    }

    @Override
    public ApplyItemResponse execute(ApplyItemRequest input) {
        return stage.apply(input);
    }
}
