package io.fleetopt.infra.statemachine;

import io.fleetopt.infra.FleetoptStack;
import io.fleetopt.infra.StageFunction;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One execution of statemachine.asl.json in aws-local-stepfunctions (run-execution.mjs), its Task states routed
 * to a {@link HandlerBridge}. The substitutions are filled as the CDK app fills them, with alias ARNs.
 */
public record LocalExecution(String status, Object output, String error, String cause) {

    private static final JsonMapper JSON = JsonMapper.createDefault();
    /** The bucket the Distributed Map's ItemReader and ResultWriter name; the bridge serves them from its artifact store. */
    static final String ARTIFACT_BUCKET = "fleetopt-artifacts-123456789012";

    public static LocalExecution run(NodeTools node, Path repoRoot, HandlerBridge bridge, String executionName,
                              int approvalTimeoutSeconds) {
        return run(node, repoRoot, bridge, executionName, approvalTimeoutSeconds, false);
    }

    /** {@code organization}: the deployment names member accounts (the definition's Organization substitution). */
    public static LocalExecution run(NodeTools node, Path repoRoot, HandlerBridge bridge, String executionName,
                                     int approvalTimeoutSeconds, boolean organization) {
        Map<String, String> substitutions = new LinkedHashMap<>();
        for (StageFunction stage : FleetoptStack.FUNCTIONS) {
            substitutions.put(stage.substitution(), "arn:aws:lambda:us-east-1:123456789012:function:fleetopt-"
                    + stage.state() + ":" + FleetoptStack.ALIAS_NAME);
        }
        substitutions.put("ApprovalTimeoutSeconds", String.valueOf(approvalTimeoutSeconds));
        substitutions.put("ToleratedFailurePercentage", "10");
        substitutions.put("ToleratedTargetFailurePercentage", "5");
        substitutions.put("Organization", String.valueOf(organization));
        substitutions.put("ArtifactBucketName", ARTIFACT_BUCKET);
        return runDefinition(node, repoRoot.resolve("statemachine.asl.json"), substitutions, bridge, executionName,
                Map.of("source", "aws.events", "detail-type", "Scheduled Event"));
    }

    /** Any definition (e.g. a Distributed Map's ItemProcessor on its own) with these substitutions and input. */
    public static LocalExecution runDefinition(NodeTools node, Path definition, Map<String, String> substitutions,
                                               HandlerBridge bridge, String executionName, Object input) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("definitionPath", definition.toString());
        request.put("substitutions", substitutions);
        request.put("executionName", executionName);
        request.put("input", input);
        request.put("bridgeUrl", bridge.url());
        try {
            NodeTools.Result result = node.run(new String(JSON.writeValueAsBytes(request), StandardCharsets.UTF_8), 120,
                    "run-execution.mjs");
            String last = result.stdout().strip();
            last = last.substring(last.lastIndexOf('\n') + 1);
            if (result.exitCode() != 0 || !last.startsWith("{")) {
                throw new IllegalStateException("run-execution.mjs failed (exit " + result.exitCode() + "): "
                        + result.stderr() + result.stdout());
            }
            Map<String, Object> answer = JSON.readValue(last, Argument.mapOf(String.class, Object.class));
            return new LocalExecution((String) answer.get("status"), answer.get("output"), (String) answer.get("error"),
                    (String) answer.get("cause"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
