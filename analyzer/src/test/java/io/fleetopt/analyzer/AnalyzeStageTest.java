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
        return new AnalyzeStage(analyzer, new io.fleetopt.core.port.DocumentStore(store, CODEC),
                new io.fleetopt.core.port.ItemsFile(store, CODEC)).run(RunState.start("r1").withSnapshot(ArtifactKeys.snapshot("r1"), 1));
    }

    @Test
    void writesThePlanAndPassesOnlyItsCountsAndTotal(@TempDir Path dir) {
        RunState state = analyze(dir, AnalyzerPolicy.defaults());
        Plan plan = CODEC.read(new DirectoryArtifactStore(dir).get(state.planKey()).orElseThrow(), Plan.class, "plan");
        assertEquals(plan.items().size(), state.itemCount());
        assertEquals(plan.applicableItems().size(), state.applyItemCount());
        assertEquals(plan.totals().monthlySavingUsd(), state.monthlySavingUsd());
    }

    @Test
    void writesThePlansApplicableItemsAsJsonLinesBoundToThePlanDigest(@TempDir Path dir) {
        RunState state = analyze(dir, AnalyzerPolicy.defaults());
        DirectoryArtifactStore store = new DirectoryArtifactStore(dir);
        Plan plan = CODEC.read(store.get(state.planKey()).orElseThrow(), Plan.class, "plan");
        var lines = new io.fleetopt.core.port.ItemsFile(store, CODEC).read(ArtifactKeys.items("r1"), null, null);
        assertEquals(plan.applicableItems(), lines.stream().map(io.fleetopt.core.model.ItemLine::item).toList());
        assertEquals(state.applyItemCount(), lines.size());
        for (var line : lines) {
            assertEquals(io.fleetopt.core.model.PlanDigest.of(plan), line.planDigest());
            assertEquals(io.fleetopt.core.model.PlanDigest.ofItem(line.item()), line.itemDigest());
            assertEquals(null, line.decisionKey(), "not approved by anyone yet");
        }
        String text = store.get(ArtifactKeys.items("r1")).orElseThrow();
        assertEquals(lines.size(), text.lines().count(), "one compact JSON object a line");
    }
}
