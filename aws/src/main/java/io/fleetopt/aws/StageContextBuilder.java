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
 * {@code newApplicationContextBuilder()}, the first code of its init. On Lambda ({@code AWS_LAMBDA_FUNCTION_NAME} is set)
 * with the AWS adapters (as the stack deploys every function: {@code FLEETOPT_ACCOUNT=aws}), that is where the
 * handler's {@link ClassPreloading} and {@link SdkStartup} start, each on its own thread, while this thread starts the
 * context; both are beans of it (the SnapStart priming hook waits for the first, the SDK clients use the second). On
 * the demo account neither starts (the class lists are recorded with the AWS adapters, and no SDK client is built),
 * nor where a handler is made outside Lambda (a test's JVM, which makes many, most of them on the demo account).
 */
public final class StageContextBuilder {

    /** The environment Micronaut's Lambda builder names besides {@link Environment#FUNCTION}. */
    public static final String LAMBDA_ENVIRONMENT = "lambda";

    private static final String DEMO_ACCOUNT = "demo";

    private StageContextBuilder() {
    }

    public static ApplicationContextBuilder forLambda(Class<?> handler) {
        ApplicationContextBuilder builder = ApplicationContext.builder().environments(Environment.FUNCTION, LAMBDA_ENVIRONMENT);
        // the variables Lambda sets and Micronaut reads fleetopt.account from: the context that would say has not started
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null && !DEMO_ACCOUNT.equals(System.getenv("FLEETOPT_ACCOUNT"))) {
            builder.singletons(ClassPreloading.start(handler), SdkStartup.start());
        }
        return builder;
    }
}
