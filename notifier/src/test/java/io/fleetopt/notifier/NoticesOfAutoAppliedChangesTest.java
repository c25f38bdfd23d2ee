package io.fleetopt.notifier;

import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.ApplyStatus;
import io.fleetopt.core.model.ItemOutcome;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanTotals;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.Message;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expiry and rejection notices say what AutoApply already changed, and how to undo it, or that nothing changed. */
class NoticesOfAutoAppliedChangesTest {

    private static final Plan PLAN = new Plan(Plan.SCHEMA_VERSION, "run-1", Instant.EPOCH, List.of(), List.of(),
            new PlanTotals(0, 0, 0, 0, 0, BigDecimal.ZERO, Map.of(), Map.of()), List.of());
    private static final ApplyResult AUTO = new ApplyResult(ApplyResult.SCHEMA_VERSION, "run-1", Instant.EPOCH, List.of(
            new ItemOutcome("memory-a", "arn:aws:lambda:us-east-1:123456789012:function:a", "a", RecommendationKind.MEMORY,
                    ApplyStatus.APPLIED, "1024", "512", null)));

    @Test
    void anExpiredApprovalAfterAutoApplySaysWhatChangedAndHowToUndoIt() {
        Message notice = Messages.expired(PLAN, "acct", AUTO, "fleetopt rollback --demo --run run-1");
        assertEquals("fleetopt: approval for acct expired; 1 auto-approved changes were applied (run run-1)", notice.subject());
        assertTrue(notice.body().contains("none of the changes that needed approval was made"), notice.body());
        assertTrue(notice.body().contains("AutoApply applied 1 changes"), notice.body());
        assertTrue(notice.body().contains("1024 MB -> 512 MB"), notice.body());
        assertTrue(notice.body().contains("Undo this run's changes: fleetopt rollback --demo --run run-1"), notice.body());
        assertFalse(notice.body().contains("nothing was changed"), notice.body());
    }

    @Test
    void anExpiredApprovalWithoutAutoApplySaysNothingChanged() {
        Message notice = Messages.expired(PLAN, "acct", null, "fleetopt rollback --demo --run run-1");
        assertEquals("fleetopt: approval for acct expired, nothing changed (run run-1)", notice.subject());
        assertTrue(notice.body().startsWith("Nobody approved or rejected the plan of run run-1 in time, so nothing was changed."));
    }

    @Test
    void aRejectionAfterAutoApplySaysWhatChanged() {
        Message notice = Messages.rejected(PLAN, "acct", AUTO, null);
        assertEquals("fleetopt: no changes approved for acct; 1 auto-approved changes were applied (run run-1)", notice.subject());
        assertTrue(notice.body().contains("fleetopt rollback --stack STACK --region REGION --run run-1, with this deployment's "
                + "stack name and region, restores them"), notice.body());
    }
}
