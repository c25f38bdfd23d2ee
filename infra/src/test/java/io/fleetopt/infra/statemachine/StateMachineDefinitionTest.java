package io.fleetopt.infra.statemachine;

import io.fleetopt.infra.FleetoptStack;
import io.fleetopt.infra.StageFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** statemachine.asl.json as asl-validator sees it: as written, and as the CDK app fills its substitutions. */
class StateMachineDefinitionTest {

    private static final Path REPO = repoRoot();

    @Test
    void definitionAsWrittenIsValidAmazonStatesLanguage() {
        NodeTools.Result result = validate(REPO.resolve("statemachine.asl.json"), "--no-arn-check");
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("is valid"), result.stdout());
    }

    @Test
    void definitionWithItsSubstitutionsFilledIsValidIncludingItsArns(@TempDir Path dir) throws IOException {
        String text = Files.readString(REPO.resolve("statemachine.asl.json"));
        for (StageFunction stage : FleetoptStack.FUNCTIONS) {
            text = text.replace("${" + stage.substitution() + "}",
                    "arn:aws:lambda:us-east-1:123456789012:function:fleetopt-" + stage.state() + ":live");
        }
        text = text.replace("${ApprovalTimeoutSeconds}", "259200").replace("${Organization}", "true")
                .replace("${ToleratedFailurePercentage}", "10")
                .replace("${ArtifactBucketName}", "fleetopt-artifacts-123456789012");
        assertFalse(java.util.regex.Pattern.compile("\\$\\{[A-Za-z0-9]+}").matcher(text).find(),
                "a substitution the stack does not fill: " + text);
        Path filled = dir.resolve("filled.asl.json");
        Files.writeString(filled, text);
        NodeTools.Result result = validate(filled);
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    }

    @Test
    void applyApprovedIsADistributedMapOverTheApprovedItemsInS3WithExpressChildrenAndItsResultsInS3() throws IOException {
        io.micronaut.json.JsonMapper json = io.micronaut.json.JsonMapper.createDefault();
        java.util.Map<String, Object> definition = json.readValue(Files.readString(REPO.resolve("statemachine.asl.json")),
                io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> map = (java.util.Map<String, Object>) ((java.util.Map<String, Object>)
                definition.get("States")).get("ApplyApproved");
        String text = json.writeValueAsString(map);
        assertFalse(map.containsKey("ItemsPath"), "no list of items in the state");
        assertTrue(text.contains("\"Mode\":\"DISTRIBUTED\"") && text.contains("\"ExecutionType\":\"EXPRESS\""), text);
        assertTrue(text.contains("\"Resource\":\"arn:aws:states:::s3:getObject\"") && text.contains("\"InputType\":\"JSONL\""), text);
        assertTrue(text.contains("\"VersionId.$\":\"$.approval.approvedItemsVersionId\""), "reads the version the decision pinned");
        assertTrue(text.contains("\"Resource\":\"arn:aws:states:::s3:putObject\""), "a ResultWriter to S3");
        assertEquals(10, ((Number) map.get("MaxConcurrency")).intValue());
        assertEquals("$.Payload.toleratedFailurePercentage", map.get("ToleratedFailurePercentagePath"));
        assertTrue(text.contains("\"JitterStrategy\":\"FULL\""), "throttling retried with jitter");
    }

    @Test
    void validatorRejectsADefinitionWhoseTransitionLeadsNowhere(@TempDir Path dir) throws IOException {
        String broken = Files.readString(REPO.resolve("statemachine.asl.json"))
                .replace("\"Next\": \"NotifySummary\"", "\"Next\": \"NoSuchState\"");
        Path file = dir.resolve("broken.asl.json");
        Files.writeString(file, broken);
        NodeTools.Result result = validate(file, "--no-arn-check");
        assertNotEquals(0, result.exitCode(), "asl-validator accepted a transition to a missing state: " + result.stdout());
    }

    private static NodeTools.Result validate(Path definition, String... options) {
        NodeTools node = NodeTools.installed(REPO);
        String[] args = new String[options.length + 3];
        args[0] = "node_modules/asl-validator/dist/bin/asl-validator.js";
        System.arraycopy(options, 0, args, 1, options.length);
        args[options.length + 1] = "--json-path";
        args[options.length + 2] = definition.toAbsolutePath().toString();
        return node.run("", 60, args);
    }

    static Path repoRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("statemachine.asl.json")) ? here : here.getParent();
    }
}
