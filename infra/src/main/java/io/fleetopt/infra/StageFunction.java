package io.fleetopt.infra;

/**
 * One Lambda function of the weekly state machine: the Task state it serves (its substitution is
 * {@code ${<state>FunctionArn}}), the module whose shaded jar holds it, and its handler class.
 */
public record StageFunction(String state, String module, String handlerClass, int memoryMb, int timeoutSeconds) {

    public String substitution() {
        return state + "FunctionArn";
    }

    /** The value of the {@code fleetopt:component} tag that marks it as the optimizer's own. */
    public String component() {
        return module + "/" + state;
    }
}
