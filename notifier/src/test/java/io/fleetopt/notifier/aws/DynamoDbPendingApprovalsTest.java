package io.fleetopt.notifier.aws;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.notifier.approval.ApprovalRecord;
import io.fleetopt.notifier.approval.DecisionTaken;
import io.fleetopt.notifier.approval.PendingApproval;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The approvals table against DynamoDB Local, in-process. */
class DynamoDbPendingApprovalsTest {

    private static final Instant REQUESTED = Instant.parse("2026-11-02T06:10:00Z");
    private static AmazonDynamoDBLocal local;
    private static DynamoDbClient dynamo;
    private static final DocumentCodec CODEC = new DocumentCodec();
    private DynamoDbPendingApprovals approvals;
    private String table;

    @BeforeAll
    static void startDynamoDbLocal() {
        local = DynamoDBEmbedded.create();
        dynamo = local.dynamoDbClient();
    }

    @AfterAll
    static void stop() {
        local.shutdownNow();
        CODEC.close();
    }

    @BeforeEach
    void createTable() {
        table = "approvals-" + UUID.randomUUID();
        dynamo.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName(DynamoDbPendingApprovals.PARTITION_KEY).attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName(DynamoDbPendingApprovals.PARTITION_KEY).keyType(KeyType.HASH)));
        approvals = new DynamoDbPendingApprovals(dynamo, table, CODEC);
    }

    private static PendingApproval pending(String runId, String token) {
        return new PendingApproval(PendingApproval.SCHEMA_VERSION, runId, "runs/" + runId + "/plan.json", token, REQUESTED,
                REQUESTED.plusSeconds(72 * 3600), io.fleetopt.core.port.ArtifactKeys.autoDecision(runId));
    }

    private static DecisionTaken decision(String approver) {
        return new DecisionTaken(approver, REQUESTED.plusSeconds(600), 2, 1, "203.0.113.7", "Mozilla/5.0", "runs/r/decisions/1.json");
    }

    @Test
    void keepsThePendingApprovalAndReadsItBackExactlyWithAnExpiryForTtl() {
        approvals.open(pending("r1", "token-1"));

        ApprovalRecord record = approvals.find("r1").orElseThrow();
        assertEquals(pending("r1", "token-1"), record.pending());
        assertNull(record.decision());
        assertTrue(approvals.find("r2").isEmpty());
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(Map.of("runId", AttributeValue.fromS("r1")))).item();
        assertEquals(String.valueOf(REQUESTED.plusSeconds(72 * 3600).plusSeconds(30L * 86_400).getEpochSecond()),
                item.get(DynamoDbPendingApprovals.TTL_ATTRIBUTE).n());
    }

    @Test
    void aRetriedRequestReplacesTheTokenOfAnUndecidedRun() {
        approvals.open(pending("r1", "token-1"));
        approvals.open(pending("r1", "token-2"));

        assertEquals("token-2", approvals.find("r1").orElseThrow().pending().taskToken());
    }

    @Test
    void recordsTheFirstDecisionOnlyAndKeepsItAgainstLaterWritesAndNewRequests() {
        approvals.open(pending("r1", "token-1"));

        assertTrue(approvals.recordOnce("r1", decision("ana@example.com")));
        assertFalse(approvals.recordOnce("r1", decision("mallory")));
        assertThrows(IllegalStateException.class, () -> approvals.open(pending("r1", "token-3")));

        ApprovalRecord record = approvals.find("r1").orElseThrow();
        assertEquals(decision("ana@example.com"), record.decision());
        assertEquals("token-1", record.pending().taskToken());
    }

    @Test
    void noDecisionIsRecordedForARunThatNeverWaited() {
        assertFalse(approvals.recordOnce("never-requested", decision("ana@example.com")));
        assertTrue(approvals.find("never-requested").isEmpty());
    }

    @Test
    void ofManyConcurrentDecisionsExactlyOneIsRecorded() throws Exception {
        approvals.open(pending("r1", "token-1"));
        List<Callable<Boolean>> writers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String approver = "approver-" + i;
            writers.add(() -> approvals.recordOnce("r1", decision(approver)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Boolean> won = new ArrayList<>();
        try {
            for (Future<Boolean> f : pool.invokeAll(writers)) {
                won.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, won.stream().filter(w -> w).count(), won.toString());
        String winner = "approver-" + won.indexOf(true);
        assertEquals(winner, approvals.find("r1").orElseThrow().decision().approver());
    }
}
