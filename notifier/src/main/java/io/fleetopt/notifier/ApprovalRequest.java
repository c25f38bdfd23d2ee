package io.fleetopt.notifier;

import io.fleetopt.core.model.RunState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The RequestApproval state's payload ({@code lambda:invoke.waitForTaskToken}): the run, the task token that
 * resumes it, how long the approver has, and the items AutoApply already applied by policy.
 */
@Serdeable
public record ApprovalRequest(RunState run, String taskToken, long timeoutSeconds, @Nullable List<String> autoAppliedItemIds) {

    public ApprovalRequest {
        autoAppliedItemIds = autoAppliedItemIds == null ? List.of() : List.copyOf(autoAppliedItemIds);
    }
}
