package io.fleetopt.notifier.approval;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** What SendTaskSuccess hands the state machine: the Decision document's key and the items its Map applies. */
@Serdeable
public record ApprovalOutput(String decisionKey, List<String> approvedItemIds) {
}
