package io.fleetopt.infra.e2e;

import io.fleetopt.infra.SynthesizedStack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Each function's environment variables in the synthesized template, its Refs resolved to emulated resources. */
final class FunctionEnvironments {

    private FunctionEnvironments() {
    }

    /**
     * By function name; {@code resourcesByIdPrefix} names the emulated resource for each logical id prefix (a
     * {@code Ref} or {@code Fn::GetAtt} to {@code <prefix>XXXXXXXX}).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, String>> of(SynthesizedStack synth, Map<String, String> resourcesByIdPrefix) {
        Map<String, Map<String, String>> byFunction = new LinkedHashMap<>();
        for (Map<String, Object> function : synth.resources("AWS::Lambda::Function").values()) {
            Map<String, Object> properties = SynthesizedStack.properties(function);
            if (!(properties.get("Environment") instanceof Map<?, ?> environment)) {
                continue;
            }
            Map<String, String> resolved = new LinkedHashMap<>();
            ((Map<String, Object>) environment.get("Variables")).forEach((name, value) -> resolved.put(name,
                    value instanceof Map<?, ?> ref ? resolve(logicalIdOf(ref), resourcesByIdPrefix, name) : String.valueOf(value)));
            byFunction.put(String.valueOf(properties.get("FunctionName")), resolved);
        }
        return byFunction;
    }

    private static String logicalIdOf(Map<?, ?> reference) {
        if (reference.get("Fn::GetAtt") instanceof List<?> getAtt) {
            return String.valueOf(getAtt.get(0));
        }
        return String.valueOf(reference.get("Ref"));
    }

    private static String resolve(String logicalId, Map<String, String> resourcesByIdPrefix, String variable) {
        if (logicalId.equals("AWS::Partition")) { // the member role ARNs' partition (FLEETOPT_ORGANIZATION_PARTITION)
            return "aws";
        }
        return resourcesByIdPrefix.entrySet().stream()
                .filter(e -> logicalId.startsWith(e.getKey()) && logicalId.substring(e.getKey().length()).matches("[A-F0-9]{8}"))
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(variable + " refers to " + logicalId + ", which the test does not emulate"));
    }
}
