package io.fleetopt.infra;

import io.fleetopt.notifier.ReviewEndpointHandler;
import io.micronaut.context.ApplicationContextBuilder;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every handler the stack deploys starts the stage context on Lambda (io.fleetopt.aws.StageContextBuilder: no eager
 * creation of every singleton in its jar), not Micronaut's default Lambda context: it declares its own
 * {@code newApplicationContextBuilder()} (the notifier's NotifierHandlersOnLambdaTest checks what that returns).
 */
class StageHandlersStartTheStageContextTest {

    @Test
    void everyDeployedHandlerDeclaresTheContextItStartsOnLambda() throws Exception {
        List<String> handlers = new ArrayList<>(FleetoptStack.allFunctions().stream().map(StageFunction::handlerClass).toList());
        handlers.add(ReviewEndpointHandler.class.getName());
        List<String> without = new ArrayList<>();
        for (String handler : handlers) {
            try {
                Method method = Class.forName(handler).getDeclaredMethod("newApplicationContextBuilder");
                assertEquals(ApplicationContextBuilder.class, method.getReturnType());
            } catch (NoSuchMethodException e) {
                without.add(handler);
            }
        }
        assertEquals(List.of(), without, "handlers that would start Micronaut's default Lambda context");
    }
}
