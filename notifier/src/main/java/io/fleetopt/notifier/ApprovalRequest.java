package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The RequestApproval state's payload ({@code lambda:invoke.waitForTaskToken}): the run, the task token that
 * resumes it, and how long the approver has.
 */
@Serdeable
public record ApprovalRequest(RunState run, String taskToken, long timeoutSeconds) {
}
