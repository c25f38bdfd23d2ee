package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The RequestApproval state's payload ({@code lambda:invoke.waitForTaskToken}): the run, the task token that
 * resumes it, how long the approver has, and the key of the decision AutoApply took by policy (null when the policy
 * approved nothing): its items were applied before this state and are not asked again.
 */
@Serdeable
public record ApprovalRequest(RunState run, String taskToken, long timeoutSeconds, @Nullable String autoDecisionKey) {
}
