package io.fleetopt.notifier.approval;

import java.util.Optional;

/**
 * Where runs wait for their approver: a DynamoDB table on AWS (readable only by the review endpoint's role),
 * files in the state folder locally. The decision is written once, conditionally: a replayed or concurrent
 * POST cannot decide a run twice.
 */
public interface PendingApprovals {

    /** Keeps the run's task token for the review endpoint; replaces an undecided earlier attempt of the same run. */
    void open(PendingApproval pending);

    Optional<ApprovalRecord> find(String runId);

    /** Records the run's decision unless it has one: true if this call recorded it, false if one was there already. */
    boolean recordOnce(String runId, DecisionTaken decision);
}
