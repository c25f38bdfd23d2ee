package io.fleetopt.analyzer;

import io.fleetopt.analyzer.rules.RuleSet;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.model.Action;
import io.fleetopt.core.model.Decision;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.Recommendation;
import io.fleetopt.core.model.Risk;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.pricing.Pricing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;

import static io.fleetopt.analyzer.ProfileBuilder.function;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalyzeStageTest {

    private static final DocumentCodec CODEC = new DocumentCodec();

    @AfterAll
    static void close() {
        CODEC.close();
    }

    private static RunState analyze(Path dir, AnalyzerPolicy policy) {
        DirectoryArtifactStore store = new DirectoryArtifactStore(dir);
        store.put(ArtifactKeys.snapshot("r1"), CODEC.write(SnapshotBuilder.of(function("f").memoryMb(3008).maxMemoryUsedMb(200)
                .timeoutSeconds(300).logsNeverExpire().build())));
        Analyzer analyzer = new Analyzer(policy, Pricing.standard(), RuleSet.standard(),
                Clock.fixed(SnapshotBuilder.COLLECTED_AT, ZoneOffset.UTC));
        return new AnalyzeStage(analyzer, store, CODEC).run(RunState.start("r1").withSnapshot(ArtifactKeys.snapshot("r1"), 1));
    }

    @Test
    void writesThePlanAndPassesOnlyItsCountsAndTotal(@TempDir Path dir) {
        RunState state = analyze(dir, AnalyzerPolicy.defaults());
        Plan plan = CODEC.read(new DirectoryArtifactStore(dir).get(state.planKey()).orElseThrow(), Plan.class, "plan");
        assertEquals(plan.items().size(), state.itemCount());
        assertEquals(plan.applicableItems().size(), state.applyItemCount());
        assertEquals(plan.totals().monthlySavingUsd(), state.monthlySavingUsd());
        assertFalse(new DirectoryArtifactStore(dir).get(AnalyzeStage.autoApprovedKey("r1")).isPresent(),
                "nothing is auto-approved by default");
    }

    @Test
    void writesTheItemsThePolicyAutoApprovesAsThePolicysDecision(@TempDir Path dir) {
        AnalyzerPolicy lowRisk = new AnalyzerPolicy(20, 7, 50, 3, 30, "", "env", "prod", "report-only", "LOW", 100, 1.5, false,
                BigDecimal.ONE, "");
        RunState state = analyze(dir, lowRisk);
        DirectoryArtifactStore store = new DirectoryArtifactStore(dir);
        Plan plan = CODEC.read(store.get(state.planKey()).orElseThrow(), Plan.class, "plan");
        Decision decision = CODEC.read(store.get(AnalyzeStage.autoApprovedKey("r1")).orElseThrow(), Decision.class, "decision");
        assertEquals(plan.items().stream().filter(i -> i.action() == Action.APPLY && i.risk() == Risk.LOW).map(Recommendation::id).toList(),
                decision.approvedItemIds());
        assertTrue(decision.approvedItemIds().size() >= 2, decision.toString());
        assertEquals(AnalyzeStage.POLICY_APPROVER, decision.approver());
    }
}
