package io.fleetopt.notifier;

import io.fleetopt.core.demo.DemoAccount;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.core.local.DirectoryArtifactStore;
import io.fleetopt.core.local.JsonLinesChangeLedger;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.model.RunState;
import io.fleetopt.core.port.ArtifactKeys;
import io.fleetopt.core.port.CollectRequest;
import io.fleetopt.core.port.DocumentStore;
import io.fleetopt.core.port.GuardAlarm;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import io.fleetopt.core.scope.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireAlarmsStageTest {

    @TempDir
    Path dir;

    private static LedgerEntry change(String function, RecommendationKind kind, LedgerAction action, String before, String after) {
        return new LedgerEntry("run-1", kind.name() + "-" + function, DemoAccount.arnOf(function), function, kind, action,
                before, after, "ana", Instant.EPOCH, BigDecimal.ONE, "r");
    }

    @Test
    void guardsEachStandingChangeWithTheTimeoutTheFunctionHasAfterTheRun() {
        try (DocumentCodec codec = new DocumentCodec()) {
            DemoAccount account = DemoAccount.open(dir, true, codec);
            DocumentStore documents = new DocumentStore(new DirectoryArtifactStore(dir.resolve("artifacts")), codec);
            String snapshotKey = documents.write(ArtifactKeys.snapshot("run-1"),
                    account.collect(new CollectRequest("run-1", List.of(DemoAccount.REGION), 14, Scope.everything())));
            JsonLinesChangeLedger ledger = new JsonLinesChangeLedger(dir.resolve("ledger.jsonl"), codec);
            ledger.append(change("orders-api", RecommendationKind.MEMORY, LedgerAction.APPLIED, "3008", "832"));
            ledger.append(change("orders-api", RecommendationKind.TIMEOUT, LedgerAction.APPLIED, "300", "6"));
            ledger.append(change("cart-service", RecommendationKind.MEMORY, LedgerAction.APPLIED, "3008", "256"));
            ledger.append(change("cart-service", RecommendationKind.MEMORY, LedgerAction.ROLLED_BACK, "256", "3008"));

            List<GuardAlarm> wired = new WireAlarmsStage(ledger, documents, account)
                    .wire(RunState.start("run-1").withSnapshot(snapshotKey, 31));

            assertEquals(List.of("fleetopt-orders-api-errors", "fleetopt-orders-api-near-timeout", "fleetopt-orders-api-p99-slowdown"),
                    wired.stream().map(GuardAlarm::name).toList().subList(0, 3));
            assertTrue(wired.stream().allMatch(a -> a.functionName().equals("orders-api") && "run-1".equals(a.runId())), wired.toString());
            assertEquals(5400.0, wired.get(1).threshold(), "90 % of the 6 s timeout the run set");
            assertTrue(account.alarms().containsAll(wired));
        }
    }
}
