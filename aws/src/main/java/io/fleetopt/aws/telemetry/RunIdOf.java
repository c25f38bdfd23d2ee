package io.fleetopt.aws.telemetry;

import java.lang.reflect.RecordComponent;

/**
 * The run id a stage's output carries: its {@code runId} component, or that of its {@code run} (the state's
 * {@code RunState}); null when it has none.
 */
final class RunIdOf {

    private RunIdOf() {
    }

    static String value(Object output) {
        return value(output, 2);
    }

    private static String value(Object output, int depth) {
        if (output == null || depth == 0 || !output.getClass().isRecord()) {
            return null;
        }
        for (RecordComponent component : output.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(output);
                if (component.getName().equals("runId") && value instanceof String runId) {
                    return runId;
                }
                if (component.getName().equals("run")) {
                    String runId = value(value, depth - 1);
                    if (runId != null) {
                        return runId;
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }
}
