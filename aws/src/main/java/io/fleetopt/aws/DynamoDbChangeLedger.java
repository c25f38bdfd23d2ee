package io.fleetopt.aws;

import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The change ledger in DynamoDB: partition key {@code runId}, sort key {@code entryKey} (the instant, the item
 * and the action), so a run's entries come back in the order they were made. A write is conditional on the
 * entry not existing yet, so writing the same entry twice (a retried Lambda) records it once.
 */
public final class DynamoDbChangeLedger implements ChangeLedger {

    public static final String PARTITION_KEY = "runId";
    public static final String SORT_KEY = "entryKey";

    /** What {@link #append} calls. */
    public static final List<String> APPEND_IAM_ACTIONS = List.of("dynamodb:PutItem");
    /** What {@link #entriesOfRun} calls (and the default reads of one run's entries built on it). */
    public static final List<String> READ_RUN_IAM_ACTIONS = List.of("dynamodb:Query");
    /** What {@link #entries} calls: the whole ledger. */
    public static final List<String> READ_ALL_IAM_ACTIONS = List.of("dynamodb:Scan");

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbChangeLedger(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void append(LedgerEntry entry) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(toItem(entry))
                    .conditionExpression("attribute_not_exists(" + SORT_KEY + ")"));
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            // the same entry was written before: the ledger already holds it
        }
    }

    @Override
    public List<LedgerEntry> entries() {
        List<LedgerEntry> entries = new ArrayList<>();
        dynamo.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())
                .items().forEach(item -> entries.add(fromItem(item)));
        entries.sort(Comparator.comparing(LedgerEntry::at).thenComparing(LedgerEntry::runId));
        return entries;
    }

    @Override
    public List<LedgerEntry> entriesOfRun(String runId) {
        List<LedgerEntry> entries = new ArrayList<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("#run = :run")
                        .expressionAttributeNames(Map.of("#run", PARTITION_KEY))
                        .expressionAttributeValues(Map.of(":run", AttributeValue.fromS(runId))).build())
                .items().forEach(item -> entries.add(fromItem(item)));
        return entries;
    }

    static Map<String, AttributeValue> toItem(LedgerEntry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PARTITION_KEY, AttributeValue.fromS(e.runId()));
        item.put(SORT_KEY, AttributeValue.fromS(e.at() + "#" + e.itemId() + "#" + e.action()));
        item.put("itemId", AttributeValue.fromS(e.itemId()));
        item.put("functionArn", AttributeValue.fromS(e.functionArn()));
        item.put("functionName", AttributeValue.fromS(e.functionName()));
        item.put("kind", AttributeValue.fromS(e.kind().name()));
        item.put("action", AttributeValue.fromS(e.action().name()));
        item.put("before", AttributeValue.fromS(e.before()));
        item.put("after", AttributeValue.fromS(e.after()));
        item.put("actor", AttributeValue.fromS(e.actor()));
        item.put("at", AttributeValue.fromS(e.at().toString()));
        item.put("estimatedMonthlySavingUsd", AttributeValue.fromN(e.estimatedMonthlySavingUsd().toPlainString()));
        if (e.revisionAfter() != null) {
            item.put("revisionAfter", AttributeValue.fromS(e.revisionAfter()));
        }
        return item;
    }

    static LedgerEntry fromItem(Map<String, AttributeValue> item) {
        return new LedgerEntry(s(item, PARTITION_KEY), s(item, "itemId"), s(item, "functionArn"), s(item, "functionName"),
                RecommendationKind.valueOf(s(item, "kind")), LedgerAction.valueOf(s(item, "action")), s(item, "before"),
                s(item, "after"), s(item, "actor"), Instant.parse(s(item, "at")),
                new BigDecimal(item.get("estimatedMonthlySavingUsd").n()),
                item.containsKey("revisionAfter") ? item.get("revisionAfter").s() : null);
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new IllegalStateException("ledger item " + item.get(SORT_KEY) + " has no " + name);
        }
        return value.s();
    }
}
