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
    @SuppressWarnings("unchecked")
    void applyAutoApprovedIsTheDistributedMapOfApplyApprovedOverAutoApplysDecision() throws IOException {
        io.micronaut.json.JsonMapper json = io.micronaut.json.JsonMapper.createDefault();
        java.util.Map<String, Object> states = (java.util.Map<String, Object>) json.readValue(
                Files.readString(REPO.resolve("statemachine.asl.json")),
                io.micronaut.core.type.Argument.mapOf(String.class, Object.class)).get("States");
        java.util.Map<String, Object> approved = (java.util.Map<String, Object>) states.get("ApplyApproved");
        java.util.Map<String, Object> auto = (java.util.Map<String, Object>) states.get("ApplyAutoApproved");
        // one item processor, one concurrency, one tolerated failure policy, one ResultWriter: the same definition
        for (String field : java.util.List.of("ItemProcessor", "MaxConcurrency", "ToleratedFailurePercentagePath", "ResultWriter", "Catch")) {
            assertEquals(approved.get(field), auto.get(field), field + " of ApplyAutoApproved differs from ApplyApproved's");
        }
        // reading the policy's decision where ApplyApproved reads a person's
        for (String field : java.util.List.of("ItemReader", "ItemSelector")) {
            assertEquals(json.writeValueAsString(approved.get(field)).replace("$.approval.", "$.autoApproval."),
                    json.writeValueAsString(auto.get(field)), field);
        }
        assertEquals("$.autoApplied", auto.get("ResultPath"));
        assertEquals("NeedsApproval", auto.get("Next"));
        java.util.Map<String, Object> choice = (java.util.Map<String, Object>) states.get("AnyAutoApproved");
        assertEquals("AnyAutoApproved", ((java.util.Map<String, Object>) states.get("AutoApply")).get("Next"));
        assertEquals(java.util.List.of(java.util.Map.of("Variable", "$.autoApproval.approvedCount", "NumericGreaterThan", 0,
                "Next", "ApplyAutoApproved")), choice.get("Choices"), "skipped when the policy approved nothing");
        String definition = Files.readString(REPO.resolve("statemachine.asl.json"));
        assertFalse(definition.contains("itemIds"), "no list of item ids travels in any state");
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
