package io.fleetopt.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The management stack of a deployment whose weekly run covers member accounts: what it grants, and cdk-nag. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberAccountsStackTest {

    private static final FleetoptSettings SETTINGS = new FleetoptSettings(List.of("ops@example.com"),
            FleetoptSettings.WEEKLY_SCHEDULE, List.of(), List.of(), List.of("us-east-1", "eu-west-1"), List.of(), 72, 30, 90);

    private SynthesizedStack listed;
    private SynthesizedStack ou;
    private SynthesizedStack single;

    @BeforeAll
    void synthesize(@TempDir Path dir) {
        listed = SynthesizedStack.of(SETTINGS, new MemberAccountSettings(List.of("210987654321", "333344445555"), "",
                "fleetopt-member", "ext-7f3a"), dir.resolve("listed"));
        ou = SynthesizedStack.of(SETTINGS, new MemberAccountSettings(List.of(), "ou-ab12-cdef3456", "fleetopt-member",
                "ext-7f3a"), dir.resolve("ou"));
        single = SynthesizedStack.of(SETTINGS, dir.resolve("single"));
    }

    @Test
    void theCollectorAssumesExactlyTheListedAccountsMemberRoles() {
        Map<String, Object> assume = statement(listed, "CollectTarget", "AssumeMemberRoles");
        assertEquals(List.of("sts:AssumeRole"), SynthesizedStack.actions(assume));
        String resources = String.valueOf(assume.get("Resource"));
        assertTrue(resources.contains(":iam::210987654321:role/fleetopt-member") && resources.contains(":iam::333344445555:role/fleetopt-member"),
                resources);
        assertFalse(granted(listed, "ListTargets").contains("organizations:ListAccountsForParent"),
                "a listed deployment never reads the organization");
    }

    @Test
    void applyItemAssumesExactlyTheListedAccountsMemberRolesAndNothingInASingleAccountDeployment() {
        Map<String, Object> assume = statement(listed, "ApplyItem", "AssumeMemberRoles");
        assertEquals(List.of("sts:AssumeRole"), SynthesizedStack.actions(assume));
        String resources = String.valueOf(assume.get("Resource"));
        assertTrue(resources.contains(":iam::210987654321:role/fleetopt-member") && resources.contains(":iam::333344445555:role/fleetopt-member")
                && !resources.contains("*"), resources);
        assertTrue(String.valueOf(statement(ou, "ApplyItem", "AssumeMemberRoles").get("Resource")).contains(":iam::*:role/fleetopt-member"));
        assertFalse(granted(single, "ApplyItem").contains("sts:AssumeRole"));
    }

    @Test
    void verifyEarlierChangesAssumesExactlyTheListedAccountsMemberRolesAndNothingInASingleAccountDeployment() {
        Map<String, Object> assume = statement(listed, "VerifyEarlierChanges", "AssumeMemberRoles");
        assertEquals(List.of("sts:AssumeRole"), SynthesizedStack.actions(assume));
        String resources = String.valueOf(assume.get("Resource"));
        assertTrue(resources.contains(":iam::210987654321:role/fleetopt-member") && resources.contains(":iam::333344445555:role/fleetopt-member")
                && !resources.contains("*"), resources);
        assertTrue(String.valueOf(statement(ou, "VerifyEarlierChanges", "AssumeMemberRoles").get("Resource")).contains(":iam::*:role/fleetopt-member"));
        assertFalse(granted(single, "VerifyEarlierChanges").contains("sts:AssumeRole"));
    }

    @Test
    void wireAlarmsAssumesExactlyTheListedAccountsMemberRolesAndNothingInASingleAccountDeployment() {
        String resources = String.valueOf(statement(listed, "WireAlarms", "AssumeMemberRoles").get("Resource"));
        assertTrue(resources.contains(":iam::210987654321:role/fleetopt-member") && resources.contains(":iam::333344445555:role/fleetopt-member")
                && !resources.contains("*"), resources);
        assertFalse(granted(single, "WireAlarms").contains("sts:AssumeRole"));
        assertFalse(granted(ou, "AutoApply").contains("sts:AssumeRole"), "AutoApply only records a decision");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDefaultBusLetsExactlyTheMemberAccountsPutEventsAndASingleAccountDeploymentHasNoBusPolicy() {
        Map<String, Object> listedPolicy = SynthesizedStack.properties(only(listed, "AWS::Events::EventBusPolicy"));
        assertEquals("default", listedPolicy.get("EventBusName"));
        Map<String, Object> statement = (Map<String, Object>) listedPolicy.get("Statement");
        assertEquals("events:PutEvents", statement.get("Action"));
        assertEquals("Allow", statement.get("Effect"));
        String principals = String.valueOf(statement.get("Principal"));
        assertTrue(principals.contains(":iam::210987654321:root") && principals.contains(":iam::333344445555:root")
                && !principals.contains("*"), principals);
        assertTrue(String.valueOf(statement.get("Resource")).contains(":event-bus/default"), String.valueOf(statement.get("Resource")));

        Map<String, Object> ouStatement = (Map<String, Object>) SynthesizedStack.properties(only(ou, "AWS::Events::EventBusPolicy")).get("Statement");
        assertEquals("*", ouStatement.get("Principal"));
        assertEquals(Map.of("ForAnyValue:StringLike", Map.of("aws:PrincipalOrgPaths", List.of("o-*/*/ou-ab12-cdef3456/*"))),
                ouStatement.get("Condition"));
        assertEquals("o-*/r-ab12/*", MemberAlarmEvents.orgPath("r-ab12"));
        assertTrue(single.resources("AWS::Events::EventBusPolicy").isEmpty());
    }

    @Test
    void rollbackAssumesExactlyTheListedAccountsMemberRolesAndNothingInASingleAccountDeployment() {
        Map<String, Object> assume = statement(listed, "Rollback", "AssumeMemberRoles");
        assertEquals(List.of("sts:AssumeRole"), SynthesizedStack.actions(assume));
        String resources = String.valueOf(assume.get("Resource"));
        assertTrue(resources.contains(":iam::210987654321:role/fleetopt-member") && resources.contains(":iam::333344445555:role/fleetopt-member")
                && !resources.contains("*"), resources);
        assertTrue(String.valueOf(statement(ou, "Rollback", "AssumeMemberRoles").get("Resource")).contains(":iam::*:role/fleetopt-member"));
        assertFalse(granted(single, "Rollback").contains("sts:AssumeRole"));
    }

    @Test
    void theStackOutputsTheMemberRoleSettingsThatTheCommandLinesRollbackReadsOnlyWithMemberAccounts() {
        Map<String, Map<String, Object>> outputs = listed.template.findOutputs("*");
        assertEquals("fleetopt-member", outputs.get("MemberRoleName").get("Value"));
        assertEquals("ext-7f3a", outputs.get("MemberRoleExternalId").get("Value"));
        assertEquals(Map.of("Ref", "AWS::Partition"), outputs.get("MemberRolePartition").get("Value"));
        assertEquals("210987654321,333344445555", outputs.get("MemberAccounts").get("Value"));
        assertFalse(ou.template.findOutputs("*").containsKey("MemberAccounts"), "an organizational unit lists no accounts");
        assertTrue(ou.template.findOutputs("*").containsKey("MemberRoleExternalId"));
        assertTrue(single.template.findOutputs("*").keySet().stream().noneMatch(k -> k.startsWith("Member")),
                single.template.findOutputs("*").keySet().toString());
    }

    @Test
    void withAnOrganizationalUnitTheMemberRoleOfAnyAccountAndTheOuListingAreGranted() {
        assertTrue(String.valueOf(statement(ou, "CollectTarget", "AssumeMemberRoles").get("Resource")).contains(":iam::*:role/fleetopt-member"));
        assertEquals(List.of("organizations:ListAccountsForParent"),
                SynthesizedStack.actions(statement(ou, "ListTargets", "ListMemberAccounts")));
    }

    @Test
    void aSingleAccountDeploymentAssumesNothingAndReadsNoOrganizationAndItsStateMachineStartsOnlyApplyApprovedsChildren() {
        assertFalse(granted(single, "CollectTarget").contains("sts:AssumeRole"));
        assertFalse(granted(single, "ListTargets").contains("organizations:ListAccountsForParent"));
        // ApplyApproved is a Distributed Map in every deployment (DistributedMapPermissions); nothing else starts children
        assertEquals(List.of("states:StartExecution", "states:DescribeExecution", "states:StopExecution"),
                stateMachineActions(single).stream().filter(a -> a.startsWith("states:")).toList(), stateMachineActions(single).toString());
    }

    @Test
    void everyMemberAccountStageIsGrantedExactlyWhatItDeclares() {
        for (String state : List.of("ListTargets", "CollectTarget", "AnalyzeTarget", "IndexRun", "NotifyIndexedPlan", "ApplyItem",
                "WireAlarms", "VerifyEarlierChanges", "Rollback")) {
            StageFunction stage = FleetoptStack.allFunctions().stream().filter(f -> f.state().equals(state)).findFirst().orElseThrow();
            Set<String> expected = new TreeSet<>(stage.iamActions());
            expected.addAll(List.of("logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTraceSegments", "xray:PutTelemetryRecords"));
            if (stage.iamActions().contains("sns:Publish")) {
                expected.addAll(List.of("kms:Decrypt", "kms:GenerateDataKey*"));
            }
            assertEquals(expected, granted(ou, state), state);
        }
    }

    @Test
    void eachTargetStageWritesOnlyItsOwnDocuments() {
        assertTrue(String.valueOf(statement(listed, "CollectTarget", "WriteRunDocuments").get("Resource")).contains("/runs/*/accounts/*/snapshot.json"));
        assertTrue(String.valueOf(statement(listed, "CollectTarget", "WriteRunDocuments").get("Resource")).contains("/runs/*/evidence/*"));
        assertTrue(String.valueOf(statement(listed, "AnalyzeTarget", "WriteRunDocuments").get("Resource")).contains("/runs/*/accounts/*/plan.json"));
        assertTrue(String.valueOf(statement(listed, "IndexRun", "WriteRunDocuments").get("Resource")).contains("/runs/*/index.json"));
        assertTrue(String.valueOf(statement(listed, "ListTargets", "WriteRunDocuments").get("Resource")).contains("/runs/*/targets.jsonl"));
    }

    @Test
    void theStateMachineMayRunTheDistributedMapOverTheItemsInTheBucket() {
        Set<String> actions = new TreeSet<>(stateMachineActions(listed));
        assertTrue(actions.containsAll(MemberAccountsRun.IAM_ACTIONS), actions.toString());
    }

    @Test
    void onlyTheTargetStagesReadTheMemberAccountSettings() {
        for (Map.Entry<String, Map<String, Object>> fn : listed.resources("AWS::Lambda::Function").entrySet()) {
            String env = String.valueOf(SynthesizedStack.properties(fn.getValue()).get("Environment"));
            boolean memberStage = fn.getKey().startsWith("ListTargetsFunction") || fn.getKey().startsWith("CollectTargetFunction")
                    || fn.getKey().startsWith("ApplyItemFunction") || fn.getKey().startsWith("WireAlarmsFunction")
                    || fn.getKey().startsWith("VerifyEarlierChangesFunction") || fn.getKey().startsWith("RollbackFunction");
            assertEquals(memberStage, env.contains("FLEETOPT_ORGANIZATION_EXTERNAL_ID=ext-7f3a"), fn.getKey() + ": " + env);
            if (memberStage) {
                assertTrue(env.contains("FLEETOPT_ORGANIZATION_MEMBER_ACCOUNTS=210987654321,333344445555"), env);
            }
        }
    }

    private static Map<String, Object> only(SynthesizedStack synth, String type) {
        Map<String, Map<String, Object>> found = synth.resources(type);
        assertEquals(1, found.size(), type + ": " + found.keySet());
        return found.values().iterator().next();
    }

    @Test
    void awsSolutionsChecksFindNoUnsuppressedErrorOrWarning() {
        for (SynthesizedStack synth : List.of(listed, ou)) {
            List<String> findings = new ArrayList<>();
            for (SynthesisMessage m : Annotations.fromStack(synth.stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
                findings.add("error " + m.getId() + ": " + m.getEntry().getData());
            }
            for (SynthesisMessage m : Annotations.fromStack(synth.stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
                findings.add("warning " + m.getId() + ": " + m.getEntry().getData());
            }
            assertEquals(List.of(), findings, String.join("\n", findings));
        }
    }

    @Test
    void badMemberAccountSettingsAreRefusedNamingTheContextValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MemberAccountSettings(List.of("12345"), "", null, "x1"))
                .getMessage().contains("memberAccounts"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MemberAccountSettings(List.of("210987654321"), "", null, ""))
                .getMessage().contains("externalId"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MemberAccountSettings(List.of("210987654321"),
                "ou-ab12-cdef3456", null, "x1")).getMessage().contains("not both"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MemberAccountSettings(List.of(), "engineering", null, "x1"))
                .getMessage().contains("organizational unit id"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> stateMachineActions(SynthesizedStack synth) {
        return synth.statementsOfRole("WeeklyRunRole").stream().flatMap(s -> SynthesizedStack.actions(s).stream()).toList();
    }

    private static Set<String> granted(SynthesizedStack synth, String state) {
        return synth.statementsOfRole(state + "Role").stream().filter(s -> "Allow".equals(s.get("Effect")))
                .flatMap(s -> SynthesizedStack.actions(s).stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Object> statement(SynthesizedStack synth, String state, String sid) {
        return synth.statementsOfRole(state + "Role").stream().filter(s -> sid.equals(s.get("Sid"))).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid + " for " + state));
    }
}
