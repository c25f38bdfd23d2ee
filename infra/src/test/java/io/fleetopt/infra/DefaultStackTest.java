package io.fleetopt.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stack as deployed with only the approver given: no scope, nothing auto-approved. */
class DefaultStackTest {

    @Test
    void withNoScopeTheApplierMayChangeAnyFunctionButItsOwnAndCdkNagStillFindsNothingUnsuppressed(@TempDir Path dir) {
        SynthesizedStack synth = SynthesizedStack.of(FleetoptSettings.defaults(List.of("ops@example.com")), dir);

        Map<String, Object> change = synth.statementsOfRole("ApplyItemRole").stream()
                .filter(s -> "ChangeFunctionsInScope".equals(s.get("Sid"))).findFirst().orElseThrow();
        assertTrue(String.valueOf(change.get("Resource")).contains(":function:*"), String.valueOf(change.get("Resource")));
        assertEquals(null, change.get("Condition"));
        assertTrue(synth.statementsOfRole("ApplyItemRole").stream()
                .anyMatch(s -> "NeverChangeOwnFunctionsByTag".equals(s.get("Sid")) && "Deny".equals(s.get("Effect"))));
        synth.template.hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of("DefinitionSubstitutions",
                Match.objectLike(Map.of("ApprovalTimeoutSeconds", "259200"))));
        synth.template.hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", "cron(0 6 ? * MON *)"));
        assertEquals(List.of(), Annotations.fromStack(synth.stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        assertEquals(List.of(), Annotations.fromStack(synth.stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")));
    }
}
