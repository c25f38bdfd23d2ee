package io.fleetopt.applier;

import io.fleetopt.core.json.InvalidDocumentException;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.ItemLine;
import io.fleetopt.core.model.PlanDigest;
import io.fleetopt.core.model.RunIndex;
import io.micronaut.core.annotation.Nullable;
import io.fleetopt.core.port.ItemsFile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The items file of a decision, read whole and checked against the decision: the version it pinned (on S3), the
 * digest of its bytes, and each line naming this decision and its plan, one line per approved item and no other.
 * What the Distributed Map's ItemReader reads on AWS, checked here where one process reads it whole (the command
 * line's loop, RecordApplyResult).
 */
public final class ApprovedItems {

    private ApprovedItems() {
    }

    public static List<ItemLine> of(ItemsFile file, String decisionKey, Decision decision) {
        return of(file, decisionKey, decision, null);
    }

    /**
     * As {@link #of(ItemsFile, String, Decision)}; with the run's {@code index}, a decision over that index (its
     * digest is the index's) approves lines of the targets' plans: each line must carry the plan digest of its
     * function ARN's (account, region) in the index.
     */
    public static List<ItemLine> of(ItemsFile file, String decisionKey, Decision decision, @Nullable RunIndex index) {
        boolean overIndex = index != null && PlanDigest.ofIndex(index).equals(decision.planDigest());
        if (decision.approvedItemIds().isEmpty()) {
            return List.of();
        }
        if (decision.approvedItemsKey() == null) {
            throw new InvalidDocumentException(decisionKey + ": approvedItemsKey: is missing; the decision names no items "
                    + "file (nothing was applied)");
        }
        List<ItemLine> lines = file.read(decision.approvedItemsKey(), decision.approvedItemsVersionId(),
                decision.approvedItemsDigest());
        List<String> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Set<String> approved = new HashSet<>(decision.approvedItemIds());
        for (int i = 0; i < lines.size(); i++) {
            ItemLine line = lines.get(i);
            String at = "line " + (i + 1);
            if (!decisionKey.equals(line.decisionKey())) {
                problems.add(at + ".decisionKey: is '" + line.decisionKey() + "', not '" + decisionKey + "'");
            }
            String expectedDigest = overIndex ? targetDigest(index, line) : decision.planDigest();
            if (!line.planDigest().equals(expectedDigest) || !decision.runId().equals(line.runId())) {
                problems.add(at + ": belongs to plan " + line.planDigest() + " of run " + line.runId()
                        + ", the decision approved " + decision.planDigest() + " of run " + decision.runId());
            }
            if (!approved.contains(line.item().id())) {
                problems.add(at + ": item '" + line.item().id() + "' is not approved by the decision");
            }
            if (!seen.add(line.item().id())) {
                problems.add(at + ": item '" + line.item().id() + "' appears twice");
            }
        }
        if (seen.size() != approved.size() && problems.isEmpty()) {
            problems.add((approved.size() - seen.size()) + " approved item(s) have no line");
        }
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(decision.approvedItemsKey() + ": " + String.join("; ", problems)
                    + " (nothing was applied)");
        }
        return lines;
    }

    /** The plan digest the index records for the (account, region) of the line's function, or null if none. */
    private static String targetDigest(RunIndex index, ItemLine line) {
        return FunctionArn.parse(line.item().functionArn())
                .flatMap(arn -> index.entry(arn.account(), arn.region()))
                .map(RunIndex.Entry::planDigest).orElse(null);
    }
}
