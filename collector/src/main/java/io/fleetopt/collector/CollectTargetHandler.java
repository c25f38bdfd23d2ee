package io.fleetopt.collector;

import io.fleetopt.core.model.TargetRunState;
import io.fleetopt.aws.StageContextBuilder;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the CollectTarget state: one child execution's (account, region). */
public class CollectTargetHandler extends MicronautRequestHandler<TargetRunState, TargetRunState> {

    @Inject
    CollectTargetStage stage;

    @Inject
    CollectorSettings settings;

    public CollectTargetHandler() {
    }

    public CollectTargetHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The context Lambda starts for this handler: see {@link StageContextBuilder}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return StageContextBuilder.forLambda(getClass());
    }

    @Override
    public TargetRunState execute(TargetRunState input) {
        return stage.run(input, settings.request(input.runId()));
    }
}
