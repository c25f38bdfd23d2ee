package io.fleetopt.analyzer;

import io.fleetopt.core.model.RunState;
import io.fleetopt.aws.StageContextBuilder;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the IndexRun state: the Map's results -> the run-level index. */
public class IndexRunHandler extends MicronautRequestHandler<IndexRequest, RunState> {

    @Inject
    IndexRunStage stage;

    public IndexRunHandler() {
    }

    public IndexRunHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The context Lambda starts for this handler: see {@link StageContextBuilder}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return StageContextBuilder.forLambda(getClass());
    }

    @Override
    public RunState execute(IndexRequest input) {
        return stage.run(input);
    }
}
