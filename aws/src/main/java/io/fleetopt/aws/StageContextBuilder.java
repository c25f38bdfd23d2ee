package io.fleetopt.aws;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;

/**
 * The Micronaut context a stage handler starts on Lambda: the environments Micronaut's own Lambda builder sets
 * ({@code function}, {@code lambda}), but not its eager creation of every singleton and configuration bean in the
 * jar. A handler's context creates what the handler injects (its stage and what that needs) and the
 * {@code @Context} beans (telemetry, the SnapStart priming hook), nothing else: the notifier's jar holds ten
 * handlers, and each one used to build every other one's stage, SDK clients and review-link key at its init (and
 * fail there when that other stage's settings were not in its environment). Every stage handler returns this from
 * {@code newApplicationContextBuilder()}.
 */
public final class StageContextBuilder {

    /** The environment Micronaut's Lambda builder names besides {@link Environment#FUNCTION}. */
    public static final String LAMBDA_ENVIRONMENT = "lambda";

    private StageContextBuilder() {
    }

    public static ApplicationContextBuilder forLambda() {
        return ApplicationContext.builder().environments(Environment.FUNCTION, LAMBDA_ENVIRONMENT);
    }
}
