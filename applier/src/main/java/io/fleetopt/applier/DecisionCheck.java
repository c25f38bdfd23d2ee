package io.fleetopt.applier;

import io.fleetopt.core.json.InvalidDocumentException;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanDigest;
import io.fleetopt.core.model.Recommendation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A decision must belong to the plan and approve only items the applier may change; else nothing is applied. */
public final class DecisionCheck {

    private DecisionCheck() {
    }

    public static void requireMatches(Plan plan, Decision decision, String source) {
        List<String> problems = new ArrayList<>();
        if (!plan.runId().equals(decision.runId())) {
            problems.add("runId: is '" + decision.runId() + "', the plan is of run '" + plan.runId() + "'");
        }
        String digest = PlanDigest.of(plan);
        if (!digest.equals(decision.planDigest())) {
            problems.add("planDigest: is '" + decision.planDigest() + "', but the plan's digest is now '" + digest
                    + "': the plan changed after it was approved");
        }
        Map<String, Recommendation> items = plan.items().stream()
                .collect(Collectors.toMap(Recommendation::id, Function.identity()));
        for (String id : decision.approvedItemIds()) {
            Recommendation item = items.get(id);
            if (item == null) {
                problems.add("approvedItemIds: '" + id + "' is not an item of plan " + plan.runId());
            } else if (item.action() != Action.APPLY) {
                problems.add("approvedItemIds: '" + id + "' is report-only; its owner has to make that change");
            }
        }
        for (String id : decision.rejectedItemIds()) {
            if (!items.containsKey(id)) {
                problems.add("rejectedItemIds: '" + id + "' is not an item of plan " + plan.runId());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(source + ": " + String.join("; ", problems) + " (nothing was applied)");
        }
    }
}
