package io.fleetopt.analyzer;

import io.fleetopt.core.model.RunState;
import io.fleetopt.aws.StageContextBuilder;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the Analyze state. */
public class AnalyzeHandler extends MicronautRequestHandler<RunState, RunState> {

    @Inject
    AnalyzeStage stage;

    public AnalyzeHandler() {
    }

    public AnalyzeHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The context Lambda starts for this handler: see {@link StageContextBuilder}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return StageContextBuilder.forLambda(getClass());
    }

    @Override
    public RunState execute(RunState input) {
        return stage.run(input);
    }
}
