package io.fleetopt.notifier;

import io.fleetopt.core.model.Decision;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.micronaut.core.annotation.Nullable;

import java.util.Set;

/**
 * The items AutoApply's decision approved by the account's policy, read from the decision itself by its key (none
 * without a key): the approval email and the review page show them as already handled and do not ask for them again.
 */
public final class AutoApprovedItems {

    private AutoApprovedItems() {
    }

    public static Set<String> ids(DocumentStore documents, String runId, @Nullable String autoDecisionKey) {
        if (autoDecisionKey == null) {
            return Set.of();
        }
        if (!autoDecisionKey.equals(ArtifactKeys.autoDecision(runId))) {
            throw new IllegalArgumentException("autoDecisionKey: is '" + autoDecisionKey + "', AutoApply's decision of run "
                    + runId + " is " + ArtifactKeys.autoDecision(runId));
        }
        return Set.copyOf(documents.read(autoDecisionKey, Decision.class, "AutoApply's decision").approvedItemIds());
    }
}
