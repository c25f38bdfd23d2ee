package io.fleetopt.notifier;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.model.ApplyResult;
import io.fleetopt.core.model.Plan;
import io.fleetopt.core.model.PlanTotals;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The summary says how to undo the run only as far as it works where the run ran. */
class SummaryUndoLineTest {

    private static final String RUN_ID = "2026-11-02-undo";
    private static final Instant NOW = Instant.parse("2026-11-02T06:00:00Z");

    @Test
    void aDeploymentThatDidNotSayItsStackGivesTheCommandsShapeNotAMadeUpName(@TempDir Path dir) {
        String body = summary(dir, null);

        assertTrue(body.contains("Each change's previous value is in the change ledger; fleetopt rollback --stack STACK"
                + " --region REGION --run " + RUN_ID), body);
        assertFalse(body.contains("Undo this run's changes"), body);
    }

    @Test
    void deployedRunGivesTheRollbackThroughItsStacksLedger(@TempDir Path dir) {
        String body = summary(dir, DeployedUndoFlags.of("fleetopt-prod", "eu-west-1", List.of("eu-west-1", "us-east-1")));

        assertTrue(body.contains("Undo this run's changes: fleetopt rollback --stack fleetopt-prod --region eu-west-1"
                + " --region us-east-1 --run " + RUN_ID), body);
    }

    @Test
    void withoutAStackNameOrRegionThereIsNoDeployedCommand() {
        assertNull(DeployedUndoFlags.of("", "eu-west-1", List.of()));
        assertNull(DeployedUndoFlags.of("fleetopt", "", List.of("eu-west-1")));
        assertEquals("--stack fleetopt --region eu-west-1", DeployedUndoFlags.of("fleetopt", "eu-west-1", List.of()));
    }

    @Test
    void demoRunGivesTheRollbackCommandThatWorksOnTheDemoAccount(@TempDir Path dir) {
        String body = summary(dir, "--demo");

        assertTrue(body.contains("Undo this run's changes: fleetopt rollback --demo --run " + RUN_ID), body);
    }

    private static String summary(Path dir, String cliAccountFlags) {
        try (DocumentCodec codec = new DocumentCodec()) {
            DirectoryArtifactStore store = new DirectoryArtifactStore(dir);
            store.put(ArtifactKeys.plan(RUN_ID), codec.write(new Plan(Plan.SCHEMA_VERSION, RUN_ID, NOW, List.of(), List.of(),
                    new PlanTotals(0, 0, 0, 0, 0, BigDecimal.ZERO, Map.of(), Map.of()), List.of())));
            store.put(ArtifactKeys.result(RUN_ID), codec.write(new ApplyResult(ApplyResult.SCHEMA_VERSION, RUN_ID, NOW, List.of())));
            List<Message> sent = new ArrayList<>();
            RunState run = new RunState(RUN_ID, null, ArtifactKeys.plan(RUN_ID), null, ArtifactKeys.result(RUN_ID), 0, 0, 0, BigDecimal.ZERO);
            new NotifyStage(sent::add, new DocumentStore(store, codec), "123456789012", cliAccountFlags).notifySummary(run);
            return sent.getFirst().body();
        }
    }
}
