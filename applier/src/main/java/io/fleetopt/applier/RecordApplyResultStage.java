package io.fleetopt.applier;

import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.RunLease;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The RecordApplyResult state: gathers the stored outcome of every auto-applied and approved item into the
 * run's apply result, and releases the run's lease on the account. An item whose Map iteration was caught has no stored outcome: it is FAILED with the
 * error Step Functions reported.
 */
public final class RecordApplyResultStage {

    private static final int MAX_CAUSE_CHARS = 500;

    private final DocumentStore artifacts;
    private final Clock clock;
    private final RunLease lease;

    public RecordApplyResultStage(DocumentStore artifacts, Clock clock, RunLease lease) {
        this.artifacts = artifacts;
        this.clock = clock;
        this.lease = lease;
    }

    public RunState record(RecordApplyResultRequest request) {
        RunState state = request.run();
        Plan plan = artifacts.read(state.planKey(), Plan.class, "plan");
        Map<String, Recommendation> items = plan.items().stream()
                .collect(Collectors.toMap(Recommendation::id, Function.identity()));
        Set<String> seen = new LinkedHashSet<>();
        List<ItemOutcome> outcomes = new ArrayList<>();
        for (String id : request.autoApplied() == null || request.autoApplied().itemIds() == null
                ? List.<String>of() : request.autoApplied().itemIds()) {
            if (seen.add(id)) {
                outcomes.add(stored(plan, items, id, null));
            }
        }
        for (MapItemOutcome mapped : request.outcomes() == null ? List.<MapItemOutcome>of() : request.outcomes()) {
            if (seen.add(mapped.itemId())) {
                outcomes.add(stored(plan, items, mapped.itemId(), mapped));
            }
        }
        String key = ArtifactKeys.result(state.runId());
        artifacts.write(key, new ApplyResult(ApplyResult.SCHEMA_VERSION, plan.runId(), clock.instant(), List.copyOf(outcomes)));
        lease.release(plan.runId());
        RunState recorded = request.decisionKey() == null ? state : state.withDecision(request.decisionKey());
        return recorded.withResult(key);
    }

    private ItemOutcome stored(Plan plan, Map<String, Recommendation> items, String itemId, MapItemOutcome mapped) {
        Recommendation item = items.get(itemId);
        if (item == null) {
            throw new IllegalArgumentException("item " + itemId + " is not in plan " + plan.runId());
        }
        boolean caught = mapped != null && mapped.error() != null;
        if (!caught) {
            var stored = artifacts.find(ArtifactKeys.outcome(plan.runId(), itemId), ItemOutcome.class);
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        String reason = caught ? mapped.error() + ": " + shorten(mapped.cause())
                : "no outcome was recorded for this item (its apply step did not finish)";
        return new ItemOutcome(item.id(), item.functionArn(), item.functionName(), item.kind(), ApplyStatus.FAILED, null,
                null, reason);
    }

    private static String shorten(String cause) {
        if (cause == null) {
            return "(no cause given)";
        }
        return cause.length() <= MAX_CAUSE_CHARS ? cause : cause.substring(0, MAX_CAUSE_CHARS) + "...";
    }
}
