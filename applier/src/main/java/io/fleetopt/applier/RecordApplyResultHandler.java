package io.fleetopt.applier;

import io.fleetopt.core.model.RunState;
import io.fleetopt.aws.StageContextBuilder;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the RecordApplyResult state. */
public class RecordApplyResultHandler extends MicronautRequestHandler<RecordApplyResultRequest, RunState> {

    @Inject
    RecordApplyResultStage stage;

    public RecordApplyResultHandler() {
    }

    public RecordApplyResultHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The context Lambda starts for this handler: see {@link StageContextBuilder}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return StageContextBuilder.forLambda(getClass());
    }

    @Override
    public RunState execute(RecordApplyResultRequest input) {
        return stage.record(input);
    }
}
