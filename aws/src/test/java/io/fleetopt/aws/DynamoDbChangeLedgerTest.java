package io.fleetopt.aws;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The ledger against DynamoDB Local, in-process. */
class DynamoDbChangeLedgerTest {

    private static AmazonDynamoDBLocal local;
    private static DynamoDbClient dynamo;
    private DynamoDbChangeLedger ledger;

    @BeforeAll
    static void startDynamoDbLocal() {
        local = DynamoDBEmbedded.create();
        dynamo = local.dynamoDbClient();
    }

    @AfterAll
    static void stop() {
        local.shutdownNow();
    }

    @BeforeEach
    void createTable() {
        String table = "ledger-" + UUID.randomUUID();
        dynamo.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName(DynamoDbChangeLedger.PARTITION_KEY).attributeType(ScalarAttributeType.S),
                        a -> a.attributeName(DynamoDbChangeLedger.SORT_KEY).attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName(DynamoDbChangeLedger.PARTITION_KEY).keyType(KeyType.HASH),
                        k -> k.attributeName(DynamoDbChangeLedger.SORT_KEY).keyType(KeyType.RANGE)));
        ledger = new DynamoDbChangeLedger(dynamo, table);
    }

    private static LedgerEntry entry(String run, String item, LedgerAction action, String at, String revisionAfter) {
        return new LedgerEntry(run, item, "arn:aws:lambda:us-east-1:123456789012:function:f", "f", RecommendationKind.MEMORY,
                action, "3008", "512", "ana@example.com", Instant.parse(at), new BigDecimal("8.78"), revisionAfter);
    }

    @Test
    void readsBackARunsEntriesExactlyAndInTheOrderTheyWereMade() {
        LedgerEntry applied = entry("r1", "memory-1", LedgerAction.APPLIED, "2026-11-02T06:00:01Z", "rev-2");
        LedgerEntry rolledBack = entry("r1", "memory-1", LedgerAction.ROLLED_BACK, "2026-11-03T09:00:00Z", null);
        LedgerEntry otherRun = entry("r2", "timeout-1", LedgerAction.APPLIED, "2026-11-02T07:00:00Z", "rev-9");
        ledger.append(rolledBack);
        ledger.append(otherRun);
        ledger.append(applied);
        assertEquals(List.of(applied, rolledBack), ledger.entriesOfRun("r1"));
        assertEquals(List.of(applied, otherRun, rolledBack), ledger.entries());
        assertEquals(LedgerAction.ROLLED_BACK, ledger.latest("r1", "memory-1").orElseThrow().action());
        assertNull(ledger.entriesOfRun("r1").get(1).revisionAfter());
    }

    @Test
    void writingTheSameEntryTwiceRecordsItOnce() {
        LedgerEntry applied = entry("r1", "memory-1", LedgerAction.APPLIED, "2026-11-02T06:00:01Z", "rev-2");
        ledger.append(applied);
        ledger.append(applied);
        assertEquals(1, ledger.entries().size());
    }

    @Test
    void readsAManyPageRun() {
        for (int i = 0; i < 150; i++) {
            ledger.append(entry("big", "item-" + i, LedgerAction.APPLIED, Instant.parse("2026-11-02T06:00:00Z").plusSeconds(i).toString(), "r"));
        }
        List<LedgerEntry> entries = ledger.entriesOfRun("big");
        assertEquals(150, entries.size());
        assertEquals("item-149", entries.get(149).itemId());
    }
}
