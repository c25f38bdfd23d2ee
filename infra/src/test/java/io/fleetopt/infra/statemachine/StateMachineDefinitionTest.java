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
                .replace("${ToleratedFailurePercentage}", "10").replace("${ToleratedTargetFailurePercentage}", "5")
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
        assertTrue(text.contains("\"VersionId.$\":\"$.applying.approvedItemsVersionId\""), "reads the version the decision pinned");
        assertTrue(text.contains("\"Resource\":\"arn:aws:states:::s3:putObject\""), "a ResultWriter to S3");
        assertEquals(10, ((Number) map.get("MaxConcurrency")).intValue());
        assertEquals("$.Payload.toleratedFailurePercentage", map.get("ToleratedFailurePercentagePath"));
        assertTrue(text.contains("\"JitterStrategy\":\"FULL\""), "throttling retried with jitter");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRunsTwoToleratedFailurePercentagesAreThePoliciesFilledInAtTheStart() throws IOException {
        io.micronaut.json.JsonMapper json = io.micronaut.json.JsonMapper.createDefault();
        java.util.Map<String, Object> states = (java.util.Map<String, Object>) json.readValue(
                Files.readString(REPO.resolve("statemachine.asl.json")), io.micronaut.core.type.Argument.mapOf(String.class, Object.class))
                .get("States");
        java.util.Map<String, Object> payload = (java.util.Map<String, Object>) ((java.util.Map<String, Object>)
                ((java.util.Map<String, Object>) states.get("StartRun")).get("Parameters")).get("Payload");
        assertEquals("States.StringToJson('${ToleratedTargetFailurePercentage}')", payload.get("toleratedTargetFailurePercentage.$"));
        java.util.Map<String, Object> targets = (java.util.Map<String, Object>) states.get("CollectAndAnalyzeEachTarget");
        assertEquals("$.Payload.toleratedTargetFailurePercentage", targets.get("ToleratedFailurePercentagePath"));
        assertFalse(targets.containsKey("ToleratedFailurePercentage"), "not a fixed number");
    }

    @Test
    @SuppressWarnings("unchecked")
    void autoApplysDecisionAndTheApproversGoThroughTheOneApplyApprovedMapAndNoListTravels() throws IOException {
        String definition = Files.readString(REPO.resolve("statemachine.asl.json"));
        io.micronaut.json.JsonMapper json = io.micronaut.json.JsonMapper.createDefault();
        java.util.Map<String, Object> states = (java.util.Map<String, Object>) json.readValue(definition,
                io.micronaut.core.type.Argument.mapOf(String.class, Object.class)).get("States");
        // one item processor: ApplyItem is defined once, in ApplyApproved's Map
        assertEquals(1, java.util.regex.Pattern.compile("\"ApplyItem\": \\{").matcher(definition).results().count());
        java.util.function.Function<String, java.util.Map<String, Object>> state = name -> (java.util.Map<String, Object>) states.get(name);
        assertEquals("AnyAutoApproved", state.apply("AutoApply").get("Next"));
        assertEquals(java.util.List.of(java.util.Map.of("Variable", "$.autoApproval.approvedCount", "NumericGreaterThan", 0,
                "Next", "ApplyAutoApproved")), state.apply("AnyAutoApproved").get("Choices"), "skipped when the policy approved nothing");
        assertEquals("NothingAutoApproved", state.apply("AnyAutoApproved").get("Default"));
        // each entry names its decision at $.applying, which the Map reads
        for (String entry : java.util.List.of("ApplyAutoApproved", "ApplyTheApproversDecision")) {
            assertEquals("$.applying", state.apply(entry).get("ResultPath"), entry);
            assertEquals("ApplyApproved", state.apply(entry).get("Next"), entry);
        }
        assertEquals("$.autoApproval", state.apply("ApplyAutoApproved").get("InputPath"));
        assertEquals("$.approval", state.apply("ApplyTheApproversDecision").get("InputPath"));
        assertEquals("ApplyTheApproversDecision", ((java.util.List<java.util.Map<String, Object>>) state.apply("IsApproved")
                .get("Choices")).getFirst().get("Next"));
        // after the Map: AutoApply's run is kept and the approval asked for; the approver's goes on to RecordApplyResult
        assertEquals("AfterApplying", state.apply("ApplyApproved").get("Next"));
        assertEquals(java.util.List.of(java.util.Map.of("Variable", "$.approval", "IsPresent", true, "Next", "RecordApplyResult")),
                state.apply("AfterApplying").get("Choices"));
        assertEquals("KeepAutoApplied", state.apply("AfterApplying").get("Default"));
        assertEquals("$.autoApplied", state.apply("KeepAutoApplied").get("ResultPath"));
        assertEquals("NeedsApproval", state.apply("KeepAutoApplied").get("Next"));
        assertFalse(definition.contains("itemIds"), "no list of item ids travels in any state");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anApprovedSingleAccountRunEntersAsManyStatesAsTheOptimizersOwnCostCounts() throws IOException {
        io.micronaut.json.JsonMapper json = io.micronaut.json.JsonMapper.createDefault();
        java.util.Map<String, Object> asl = json.readValue(Files.readString(REPO.resolve("statemachine.asl.json")),
                io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
        java.util.Map<String, java.util.Map<String, Object>> states = (java.util.Map<String, java.util.Map<String, Object>>) asl.get("States");
        // one account, nothing auto-approved, the approver approves: the path the plan's own-cost estimate prices
        java.util.List<String> path = java.util.List.of("StartRun", "VerifyEarlierChanges", "PromoteCanaries", "ReadDeployment",
                "OneAccountOrMany", "Collect", "Analyze", "HasChanges", "AutoApply", "AnyAutoApproved", "NothingAutoApproved",
                "NeedsApproval", "RequestApproval", "IsApproved", "ApplyTheApproversDecision", "ApplyApproved", "AfterApplying",
                "RecordApplyResult", "WireAlarms", "NotifySummary", "Done");
        assertEquals(asl.get("StartAt"), path.getFirst());
        for (int i = 0; i + 1 < path.size(); i++) {
            java.util.Map<String, Object> from = states.get(path.get(i));
            java.util.Set<Object> next = new java.util.HashSet<>();
            next.add(from.get("Next"));
            next.add(from.get("Default"));
            if (from.get("Choices") instanceof java.util.List<?> choices) {
                choices.forEach(c -> next.add(((java.util.Map<String, Object>) c).get("Next")));
            }
            assertTrue(next.contains(path.get(i + 1)), path.get(i) + " does not lead to " + path.get(i + 1) + ": " + next);
        }
        assertEquals("Succeed", states.get(path.getLast()).get("Type"));
        assertEquals(io.fleetopt.core.pricing.OptimizerPricing.TRANSITIONS_PER_RUN, path.size());
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
