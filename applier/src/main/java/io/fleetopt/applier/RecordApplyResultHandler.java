package io.fleetopt.applier;

import io.fleetopt.core.model.RunState;
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

    @Override
    public RunState execute(RecordApplyResultRequest input) {
        return stage.record(input);
    }
}
