package io.fleetopt.analyzer;

import io.fleetopt.core.model.RunState;
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

    @Override
    public RunState execute(RunState input) {
        return stage.run(input);
    }
}
