package io.fleetopt.infra;

import io.fleetopt.collector.aws.AwsFleetSource;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The member stack: one role, trusted by the management stack's stage roles with the external id, read-only plus the applier's actions in scope. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberStackTest {

    private MemberStack stack;
    private Template template;

    @BeforeAll
    void synthesize(@TempDir Path dir) {
        App app = new App(AppProps.builder().outdir(dir.toString()).build());
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
        stack = new MemberStack(app, "fleetopt-member", StackProps.builder().stackName("fleetopt-member").build(),
                new MemberStackSettings("111111111111", "fleetopt", "ext-7f3a", "fleetopt-member", List.of("team=payments"),
                        List.of("orders-*"), List.of("us-east-1", "eu-west-1")));
        template = Template.fromStack(stack);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRoleTrustsOnlyTheManagementStacksStageRolesWithTheExternalId() {
        Map<String, Object> role = memberRole();
        Map<String, Object> props = (Map<String, Object>) role.get("Properties");
        assertEquals("fleetopt-member", props.get("RoleName"));
        assertEquals(3600, ((Number) props.get("MaxSessionDuration")).intValue());
        List<Map<String, Object>> trust = (List<Map<String, Object>>) ((Map<String, Object>) props.get("AssumeRolePolicyDocument")).get("Statement");
        assertEquals(1, trust.size());
        Map<String, Object> condition = (Map<String, Object>) trust.get(0).get("Condition");
        assertEquals(Map.of("sts:ExternalId", "ext-7f3a"), condition.get("StringEquals"));
        String principals = String.valueOf(((Map<String, Object>) condition.get("ArnLike")).get("aws:PrincipalArn"));
        for (String state : List.of("CollectTarget", "ApplyItem", "WireAlarms")) {
            assertTrue(principals.contains(":iam::111111111111:role/fleetopt-" + state + "Role*"), principals);
        }
        assertFalse(principals.contains("AutoApplyRole"), "AutoApply only records a decision: it never assumes the member role");
        assertEquals(MemberStackSettings.TRUSTED_STATES.size(),
                ((List<?>) ((Map<String, Object>) condition.get("ArnLike")).get("aws:PrincipalArn")).size(), principals);
        assertTrue(String.valueOf(trust.get(0).get("Principal")).contains("111111111111"));
    }

    @Test
    void itsPolicyIsTheCollectorsAndTheSavingsChecksReadsPlusExactlyTheApplierActions() {
        Set<String> allowed = new TreeSet<>();
        Set<String> denied = new TreeSet<>();
        for (Map<String, Object> statement : statements()) {
            (("Allow".equals(statement.get("Effect"))) ? allowed : denied).addAll(SynthesizedStack.actions(statement));
        }
        Set<String> expected = new TreeSet<>(AwsFleetSource.IAM_ACTIONS);
        expected.addAll(ApplierPermissions.standard());
        expected.addAll(io.fleetopt.notifier.aws.MemberAccountReads.MEMBER_IAM_ACTIONS);
        expected.addAll(io.fleetopt.notifier.aws.MemberAccountAlarms.MEMBER_IAM_ACTIONS);
        assertEquals(expected, allowed);
        assertFalse(allowed.stream().anyMatch(a -> a.startsWith("s3:") || a.startsWith("dynamodb:") || a.startsWith("sns:")
                || a.startsWith("iam:") || a.equals("lambda:UpdateFunctionCode")), allowed.toString());
        assertTrue(denied.contains("lambda:UpdateFunctionConfiguration"), "fleetopt's own functions are denied by tag and name");
    }

    @Test
    @SuppressWarnings("unchecked")
    void changesNameOnlyTheFunctionsInScopeOfTheGivenRegionsAndCarryTheScopeTags() {
        Map<String, Object> change = statements().stream().filter(s -> "ChangeFunctionsInScope".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertEquals(Map.of("StringEquals", Map.of("aws:ResourceTag/team", "payments")), change.get("Condition"));
        String resources = String.valueOf(change.get("Resource"));
        assertTrue(resources.contains("lambda:us-east-1:") && resources.contains("lambda:eu-west-1:") && resources.contains("function:orders-*"), resources);
        assertTrue(resources.contains("AWS::AccountId"), "the account it is deployed to (a StackSet instance): " + resources);
    }

    @Test
    void itNeedsNoBootstrapSoAStackSetCanDeployIt() {
        assertTrue(template.toJSON().get("Parameters") == null
                || !String.valueOf(template.toJSON().get("Parameters")).contains("BootstrapVersion"));
        assertTrue(template.toJSON().get("Rules") == null);
        assertEquals(Set.of("AWS::IAM::Role", "AWS::IAM::Policy", "AWS::Events::Rule", "AWS::SQS::Queue", "AWS::SQS::QueuePolicy"),
                resourceTypes());
    }

    @Test
    void theGuardAlarmsArePutOnlyOnAlarmsNamedFleetoptInEachRegionOfTheScope() {
        Map<String, Object> alarms = statements().stream().filter(s -> "GuardAlarms".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertEquals(new TreeSet<>(io.fleetopt.notifier.aws.CloudWatchAlarmPort.IAM_ACTIONS), new TreeSet<>(SynthesizedStack.actions(alarms)));
        String resources = String.valueOf(alarms.get("Resource"));
        assertTrue(resources.contains("cloudwatch:us-east-1:") && resources.contains("cloudwatch:eu-west-1:")
                && resources.contains(":alarm:fleetopt-*") && !resources.contains("alarm:*"), resources);
    }

    @Test
    @SuppressWarnings("unchecked")
    void guardAlarmsGoingIntoAlarmAreForwardedToTheManagementAccountsDefaultBusThroughARoleThatMayOnlyPutEventsThere() {
        Map<String, Object> rule = only("AWS::Events::Rule");
        Map<String, Object> props = (Map<String, Object>) rule.get("Properties");
        assertEquals(Map.of("source", List.of("aws.cloudwatch"), "detail-type", List.of("CloudWatch Alarm State Change"),
                "detail", Map.of("alarmName", List.of(Map.of("prefix", "fleetopt-")), "state", Map.of("value", List.of("ALARM")))),
                props.get("EventPattern"));
        List<Map<String, Object>> targets = (List<Map<String, Object>>) props.get("Targets");
        assertEquals(1, targets.size());
        String bus = String.valueOf(targets.get(0).get("Arn"));
        assertTrue(bus.contains(":events:") && bus.contains(":111111111111:event-bus/default"), bus);
        assertTrue(String.valueOf(targets.get(0).get("DeadLetterConfig")).contains("Arn"), "undeliverable events are kept");
        String forwardRole = String.valueOf(targets.get(0).get("RoleArn"));
        assertTrue(forwardRole.contains(logicalId(stack.forwarding().role())), forwardRole);
        List<Map<String, Object>> forward = statementsOf(stack.forwarding().role());
        assertFalse(forward.isEmpty());
        for (Map<String, Object> statement : forward) {
            assertEquals(GuardAlarmForwarding.IAM_ACTIONS, SynthesizedStack.actions(statement), forward.toString());
            assertEquals(targets.get(0).get("Arn"), statement.get("Resource"), "exactly the bus the rule targets");
        }
        assertTrue(String.valueOf(((Map<String, Object>) template.findResources("AWS::IAM::Role")
                .get(logicalId(stack.forwarding().role()))).get("Properties")).contains("events.amazonaws.com"));
    }

    @Test
    void theForwardingStackOfTheOtherRegionsHasTheSameRuleAndNoRoleOfTheMemberStack(@TempDir Path dir) {
        App app = new App(AppProps.builder().outdir(dir.toString()).build());
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
        MemberAlarmForwardingStack other = new MemberAlarmForwardingStack(app, "fleetopt-member-alarms",
                StackProps.builder().stackName("fleetopt-member-alarms").build(), new MemberStackSettings("111111111111", "fleetopt",
                "ext-7f3a", "fleetopt-member", List.of(), List.of(), List.of("us-east-1", "eu-west-1")));
        Template forwarding = Template.fromStack(other);
        assertEquals(template.findResources("AWS::Events::Rule").values().iterator().next().toString().replaceAll("\\w+Dlq\\w*", "DLQ")
                .replaceAll("ForwardRole\\w*", "ROLE"), forwarding.findResources("AWS::Events::Rule").values().iterator().next().toString()
                .replaceAll("\\w+Dlq\\w*", "DLQ").replaceAll("ForwardRole\\w*", "ROLE"));
        assertTrue(forwarding.findResources("AWS::IAM::Role").values().stream().noneMatch(r -> r.toString().contains("RoleName")),
                "no named role: it deploys in every region of the account");
        List<String> findings = new ArrayList<>();
        for (SynthesisMessage m : Annotations.fromStack(other).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
            findings.add("error " + m.getId() + ": " + m.getEntry().getData());
        }
        assertEquals(List.of(), findings, String.join("\n", findings));
    }

    @Test
    void theManagementStacksRegionIsTheMemberStacksOwnUnlessNamed(@TempDir Path dir) {
        App app = new App(AppProps.builder().outdir(dir.toString()).build());
        MemberStack elsewhere = new MemberStack(app, "fleetopt-member", StackProps.builder().stackName("fleetopt-member").build(),
                new MemberStackSettings("111111111111", "fleetopt", "ext-7f3a", "fleetopt-member", List.of(), List.of(),
                        List.of("us-east-1", "eu-west-1"), "eu-central-1"));
        assertTrue(Template.fromStack(elsewhere).toJSON().toString().contains("events:eu-central-1:111111111111:event-bus/default"));
        assertTrue(template.toJSON().toString().contains("AWS::Region"), "default: the region the member stack is deployed to");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MemberStackSettings("111111111111", "fleetopt", "ext-7f3a",
                "fleetopt-member", List.of(), List.of(), List.of("us-east-1"), "Frankfurt")).getMessage().contains("managementRegion"));
    }

    @Test
    void awsSolutionsChecksFindNoUnsuppressedErrorOrWarning() {
        List<String> findings = new ArrayList<>();
        for (SynthesisMessage m : Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
            findings.add("error " + m.getId() + ": " + m.getEntry().getData());
        }
        for (SynthesisMessage m : Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
            findings.add("warning " + m.getId() + ": " + m.getEntry().getData());
        }
        assertEquals(List.of(), findings, String.join("\n", findings));
    }

    @Test
    void withoutAManagementAccountOrAnExternalIdTheStackIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MemberStackSettings(null, "fleetopt", "ext-7f3a",
                "fleetopt-member", List.of(), List.of(), List.of("us-east-1"))).getMessage().contains("managementAccount"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MemberStackSettings("111111111111", "fleetopt", "",
                "fleetopt-member", List.of(), List.of(), List.of("us-east-1"))).getMessage().contains("externalId"));
    }

    /** The member role's statements. */
    private List<Map<String, Object>> statements() {
        return statementsOf(stack.role());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> statementsOf(software.amazon.awscdk.services.iam.Role role) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Object policy : template.findResources("AWS::IAM::Policy").values()) {
            Map<String, Object> props = (Map<String, Object>) ((Map<String, Object>) policy).get("Properties");
            if (!String.valueOf(props.get("Roles")).contains(logicalId(role))) {
                continue;
            }
            Map<String, Object> doc = (Map<String, Object>) props.get("PolicyDocument");
            all.addAll((List<Map<String, Object>>) doc.get("Statement"));
        }
        return all;
    }

    private String logicalId(software.amazon.awscdk.services.iam.Role role) {
        return stack.getLogicalId((software.amazon.awscdk.CfnElement) role.getNode().getDefaultChild());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> memberRole() {
        return (Map<String, Object>) template.findResources("AWS::IAM::Role").get(logicalId(stack.role()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> only(String type) {
        Map<String, Map<String, Object>> found = (Map<String, Map<String, Object>>) (Map<?, ?>) template.findResources(type);
        assertEquals(1, found.size(), type);
        return found.values().iterator().next();
    }

    @SuppressWarnings("unchecked")
    private Set<String> resourceTypes() {
        Set<String> types = new TreeSet<>();
        ((Map<String, Map<String, Object>>) template.toJSON().get("Resources")).values().forEach(r -> types.add(String.valueOf(r.get("Type"))));
        return types;
    }
}
