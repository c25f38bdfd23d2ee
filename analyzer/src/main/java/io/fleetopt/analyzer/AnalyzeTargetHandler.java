package io.fleetopt.analyzer;

import io.fleetopt.core.model.TargetRunState;
import io.fleetopt.aws.StageContextBuilder;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the AnalyzeTarget state: one child execution's (account, region). */
public class AnalyzeTargetHandler extends MicronautRequestHandler<TargetRunState, TargetRunState> {

    @Inject
    AnalyzeTargetStage stage;

    public AnalyzeTargetHandler() {
    }

    public AnalyzeTargetHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The context Lambda starts for this handler: see {@link StageContextBuilder}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return StageContextBuilder.forLambda(getClass());
    }

    @Override
    public TargetRunState execute(TargetRunState input) {
        return stage.run(input);
    }
}
