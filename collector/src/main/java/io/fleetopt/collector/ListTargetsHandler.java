package io.fleetopt.collector;

import io.fleetopt.core.model.RunState;
import io.fleetopt.aws.StageContextBuilder;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.annotation.Value;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Lambda handler of the ListTargets state (a run over several accounts). */
public class ListTargetsHandler extends MicronautRequestHandler<RunState, TargetList> {

    @Inject
    ListTargetsStage stage;

    @Inject
    CollectorSettings settings;

    @Value("${fleetopt.organization.partition:aws}")
    String partition;

    public ListTargetsHandler() {
    }

    public ListTargetsHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The context Lambda starts for this handler: see {@link StageContextBuilder}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return StageContextBuilder.forLambda(getClass());
    }

    @Override
    public TargetList execute(RunState input) {
        return stage.run(input, settings.regions(), partition);
    }
}
