package io.fleetopt.infra;

import io.fleetopt.notifier.ReviewEndpointHandler;
import io.fleetopt.notifier.aws.DynamoDbPendingApprovals;
import io.fleetopt.notifier.aws.SecretsManagerLinkKey;
import io.fleetopt.notifier.aws.StepFunctionsTaskCallback;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The review endpoint as the stack deploys it: a function URL, its key, its table, and exactly the grants its adapters declare. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalEndpointTest {

    private SynthesizedStack synth;

    @BeforeAll
    void synthesize(@TempDir Path workDir) {
        synth = SynthesizedStack.of(FleetoptSettings.defaults(List.of("ops@example.com")), workDir);
    }

    private static Set<String> actions(List<Map<String, Object>> statements) {
        return statements.stream().filter(s -> "Allow".equals(s.get("Effect"))).flatMap(s -> SynthesizedStack.actions(s).stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theEndpointIsAPublicFunctionUrlOnTheLiveAliasOfTheNotifiersHandler() {
        synth.template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "FunctionName", "fleetopt-ReviewEndpoint",
                "Handler", ReviewEndpointHandler.class.getName() + "::handleRequest",
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "Tags", Match.arrayWith(List.of(Map.of("Key", "fleetopt:component", "Value", "notifier/ReviewEndpoint")))));
        Map<String, Map<String, Object>> urls = synth.resources("AWS::Lambda::Url");
        assertEquals(1, urls.size());
        Map<String, Object> url = SynthesizedStack.properties(urls.values().iterator().next());
        assertEquals("NONE", url.get("AuthType"), url.toString());
        assertTrue(String.valueOf(url.get("TargetFunctionArn")).contains("ReviewEndpointFunction"), url.toString());
        assertEquals(FleetoptStack.ALIAS_NAME, url.get("Qualifier"), url.toString());
        // since October 2025 a public function URL needs both permissions, the second only through the URL
        synth.template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunctionUrl", "Principal", "*", "FunctionUrlAuthType", "NONE"));
        synth.template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction", "Principal", "*", "InvokedViaFunctionUrl", true));
    }

    @Test
    void requestApprovalGetsTheUrlTheKeyAndTheTableThroughItsConfiguration() {
        synth.template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "FunctionName", "fleetopt-RequestApproval",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "FLEETOPT_APPROVAL_REVIEW_URL", Map.of("Fn::GetAtt", List.of(
                                Match.stringLikeRegexp("ReviewEndpointAliasFunctionUrl.*"), "FunctionUrl")),
                        "FLEETOPT_APPROVAL_TABLE", Map.of("Ref", Match.stringLikeRegexp("ReviewEndpointApprovals.*")),
                        "FLEETOPT_APPROVAL_KEY_SECRET_ARN", Map.of("Ref", Match.stringLikeRegexp("ReviewEndpointLinkKey.*")))))));
        synth.template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "FunctionName", "fleetopt-ReviewEndpoint",
                "Environment", Map.of("Variables", Map.of(
                        "FLEETOPT_ACCOUNT", "aws",
                        "FLEETOPT_ARTIFACT_BUCKET", Map.of("Ref", Match.stringLikeRegexp("Artifacts.*")),
                        "FLEETOPT_APPROVAL_TABLE", Map.of("Ref", Match.stringLikeRegexp("ReviewEndpointApprovals.*")),
                        "FLEETOPT_APPROVAL_KEY_SECRET_ARN", Map.of("Ref", Match.stringLikeRegexp("ReviewEndpointLinkKey.*"))))));
    }

    @Test
    void theEndpointMayDoWhatItsAdaptersDeclareAndNothingMore() {
        Set<String> declared = new TreeSet<>(DynamoDbPendingApprovals.REVIEW_IAM_ACTIONS);
        declared.addAll(SecretsManagerLinkKey.IAM_ACTIONS);
        declared.addAll(StepFunctionsTaskCallback.IAM_ACTIONS);
        declared.addAll(List.of("s3:GetObject", "s3:PutObject"));
        Set<String> granted = actions(synth.statementsOfRole("ReviewEndpointRole"));
        granted.removeIf(a -> a.startsWith("logs:") || a.startsWith("xray:"));

        assertEquals(declared, granted);
        List<Map<String, Object>> statements = synth.statementsOfRole("ReviewEndpointRole");
        assertTrue(String.valueOf(statement(statements, "WriteDecisions").get("Resource")).contains("/runs/*/decisions/*"));
        assertTrue(String.valueOf(statement(statements, "AnswerApprovalTasks").get("Resource")).contains("WeeklyRun"),
                "only this state machine's tasks");
    }

    @Test
    void onlyTheEndpointCanReadTheTaskTokensAndRequestApprovalOnlyWritesThem() {
        Set<String> requestApproval = actions(synth.statementsOfRole("RequestApprovalRole"));
        assertTrue(requestApproval.containsAll(DynamoDbPendingApprovals.OPEN_IAM_ACTIONS), requestApproval.toString());
        assertTrue(requestApproval.containsAll(SecretsManagerLinkKey.IAM_ACTIONS), requestApproval.toString());
        assertFalse(requestApproval.contains("dynamodb:GetItem"), "RequestApproval cannot read the tokens back");
        assertFalse(requestApproval.contains("s3:PutObject"), "RequestApproval writes no documents any more");
        String approvalsTable = synth.resources("AWS::DynamoDB::Table").keySet().stream()
                .filter(id -> id.startsWith("ReviewEndpointApprovals")).findFirst().orElseThrow();
        for (StageFunction stage : FleetoptStack.allFunctions()) {
            if (stage.state().equals("RequestApproval")) {
                continue;
            }
            for (Map<String, Object> statement : synth.statementsOfRole(stage.state() + "Role")) {
                assertFalse(String.valueOf(statement.get("Resource")).contains(approvalsTable), stage.state() + " may touch the approvals");
            }
        }
    }

    @Test
    void theApprovalsTableExpiresItsItemsAndKeepsPointInTimeRecovery() {
        synth.template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "runId", "KeyType", "HASH")),
                "TimeToLiveSpecification", Map.of("AttributeName", "expireAt", "Enabled", true),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)));
        synth.template.hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
                "GenerateSecretString", Map.of("PasswordLength", 64, "ExcludePunctuation", true)));
    }

    private static Map<String, Object> statement(List<Map<String, Object>> statements, String sid) {
        return statements.stream().filter(s -> sid.equals(s.get("Sid"))).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid + " in " + statements));
    }
}
