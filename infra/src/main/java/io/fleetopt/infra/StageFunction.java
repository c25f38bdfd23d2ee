package io.fleetopt.infra;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One Lambda function of the weekly state machine: the Task state it serves (its substitution is
 * {@code ${<state>FunctionArn}}), the module that holds it, its handler class, the IAM actions its code calls,
 * taken from the constants its AWS adapters declare next to their calls, and the shaded jar it is deployed from
 * ({@link StageCode}: the module's, or one of its groups', as the notifier's approval side). Its role is granted
 * exactly those actions ({@link StagePermissions}), on the resources {@link ResourceScope} names.
 */
public record StageFunction(String state, String module, String handlerClass, int memoryMb, int timeoutSeconds,
                            List<String> iamActions, String jar) {

    public StageFunction {
        iamActions = List.copyOf(new LinkedHashSet<>(iamActions));
    }

    /** A function deployed from its module's jar. */
    public StageFunction(String state, String module, String handlerClass, int memoryMb, int timeoutSeconds,
                         List<String> iamActions) {
        this(state, module, handlerClass, memoryMb, timeoutSeconds, iamActions, module);
    }

    /** The union of what the stage's adapters declare, in order, each action once. */
    @SafeVarargs
    static List<String> calls(List<String>... declared) {
        Set<String> actions = new LinkedHashSet<>();
        for (List<String> list : declared) {
            actions.addAll(list);
        }
        return List.copyOf(actions);
    }

    public String substitution() {
        return state + "FunctionArn";
    }

    /** The value of the {@code fleetopt:component} tag that marks it as the optimizer's own. */
    public String component() {
        return module + "/" + state;
    }
}
