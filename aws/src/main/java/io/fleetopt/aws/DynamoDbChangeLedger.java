package io.fleetopt.aws;

import io.fleetopt.core.model.RecommendationKind;
import io.fleetopt.core.port.ChangeLedger;
import io.fleetopt.core.port.AliasMove;
import io.fleetopt.core.port.AliasRouting;
import io.fleetopt.core.port.LedgerAction;
import io.fleetopt.core.port.LedgerEntry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The change ledger in DynamoDB, read by key only, never scanned. Partition key {@code runId}, sort key
 * {@code entryKey} = the item and its slot ({@link LedgerEntry#slotKey()}): deterministic, so an entry is written with
 * a condition that its slot is free, and a retried Lambda or a second execution finds the slot taken instead of
 * recording it twice. Two global secondary indexes: {@value #BY_FUNCTION} (every run's entries about one function,
 * for its standing changes) and {@value #BY_DAY} (the entries of one UTC day, for the checks of earlier weeks).
 */
public final class DynamoDbChangeLedger implements ChangeLedger {

    public static final String PARTITION_KEY = "runId";
    public static final String SORT_KEY = "entryKey";
    public static final String BY_FUNCTION = "byFunction";
    public static final String BY_DAY = "byDay";
    public static final String FUNCTION_KEY = "functionArn";
    public static final String DAY_KEY = "day";
    /** The instant in a fixed width, so that it sorts as it reads. */
    public static final String AT_KEY = "atSortable";

    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** What {@link #append} calls. */
    public static final List<String> APPEND_IAM_ACTIONS = List.of("dynamodb:PutItem");
    /** What every read calls: a query of the table (one run, one item) or of an index (one function, one day). */
    public static final List<String> READ_IAM_ACTIONS = List.of("dynamodb:Query");

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbChangeLedger(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean record(LedgerEntry entry) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(toItem(entry))
                    .conditionExpression("attribute_not_exists(" + SORT_KEY + ")"));
            return true;
        } catch (ConditionalCheckFailedException slotTaken) {
            return false;
        }
    }

    @Override
    public List<LedgerEntry> entriesOfRun(String runId) {
        return query(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#k = :v")
                .expressionAttributeNames(Map.of("#k", PARTITION_KEY))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(runId))).build());
    }

    @Override
    public List<LedgerEntry> entriesOfItem(String runId, String itemId) {
        return query(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#k = :v AND begins_with(#s, :item)")
                .expressionAttributeNames(Map.of("#k", PARTITION_KEY, "#s", SORT_KEY))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(runId), ":item", AttributeValue.fromS(itemId + "#")))
                .build());
    }

    @Override
    public List<LedgerEntry> entriesOfFunction(String functionArn) {
        return query(QueryRequest.builder().tableName(table).indexName(BY_FUNCTION)
                .keyConditionExpression("#k = :v")
                .expressionAttributeNames(Map.of("#k", FUNCTION_KEY))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(functionArn))).build());
    }

    @Override
    public List<LedgerEntry> entriesBetween(Instant from, Instant toExclusive) {
        List<LedgerEntry> entries = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(toExclusive.minusNanos(1), ZoneOffset.UTC);
        for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC); !day.isAfter(last); day = day.plusDays(1)) {
            entries.addAll(query(QueryRequest.builder().tableName(table).indexName(BY_DAY)
                    .keyConditionExpression("#d = :day AND #at BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#d", DAY_KEY, "#at", AT_KEY))
                    .expressionAttributeValues(Map.of(":day", AttributeValue.fromS(day.toString()),
                            ":from", AttributeValue.fromS(SORTABLE.format(from)),
                            ":to", AttributeValue.fromS(SORTABLE.format(toExclusive.minusNanos(1)))))
                    .build()));
        }
        entries.sort(ORDER);
        return entries;
    }

    private static final Comparator<LedgerEntry> ORDER = Comparator.comparing(LedgerEntry::at)
            .thenComparing(e -> e.action().slot()).thenComparing(LedgerEntry::runId).thenComparing(LedgerEntry::itemId);

    private List<LedgerEntry> query(QueryRequest request) {
        List<LedgerEntry> entries = new ArrayList<>();
        dynamo.queryPaginator(request).items().forEach(item -> entries.add(fromItem(item)));
        entries.sort(ORDER);
        return entries;
    }

    static Map<String, AttributeValue> toItem(LedgerEntry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PARTITION_KEY, AttributeValue.fromS(e.runId()));
        item.put(SORT_KEY, AttributeValue.fromS(e.slotKey()));
        item.put("itemId", AttributeValue.fromS(e.itemId()));
        item.put(FUNCTION_KEY, AttributeValue.fromS(e.functionArn()));
        item.put("functionName", AttributeValue.fromS(e.functionName()));
        item.put("kind", AttributeValue.fromS(e.kind().name()));
        item.put("action", AttributeValue.fromS(e.action().name()));
        item.put("before", AttributeValue.fromS(e.before()));
        item.put("after", AttributeValue.fromS(e.after()));
        item.put("actor", AttributeValue.fromS(e.actor()));
        item.put("at", AttributeValue.fromS(e.at().toString()));
        item.put(AT_KEY, AttributeValue.fromS(SORTABLE.format(e.at())));
        item.put(DAY_KEY, AttributeValue.fromS(LocalDate.ofInstant(e.at(), ZoneOffset.UTC).toString()));
        item.put("estimatedMonthlySavingUsd", AttributeValue.fromN(e.estimatedMonthlySavingUsd().toPlainString()));
        if (e.revisionAfter() != null) {
            item.put("revisionAfter", AttributeValue.fromS(e.revisionAfter()));
        }
        if (e.aliasMove() != null) {
            item.put("aliasMove", AttributeValue.fromM(aliasMove(e.aliasMove())));
        }
        if (e.decisionKey() != null) {
            item.put("decisionKey", AttributeValue.fromS(e.decisionKey()));
        }
        if (e.planDigest() != null) {
            item.put("planDigest", AttributeValue.fromS(e.planDigest()));
        }
        if (e.reason() != null) {
            item.put("reason", AttributeValue.fromS(e.reason()));
        }
        return item;
    }

    private static Map<String, AttributeValue> aliasMove(AliasMove move) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("alias", AttributeValue.fromS(move.alias()));
        map.put("publishedVersion", AttributeValue.fromS(move.publishedVersion()));
        map.put("before", route(move.before()));
        map.put("canary", route(move.canary()));
        if (move.warmedConcurrency() != null) {
            map.put("warmedConcurrency", AttributeValue.fromN(move.warmedConcurrency().toString()));
        }
        return map;
    }

    private static AttributeValue route(AliasRouting route) {
        Map<String, AttributeValue> weights = new HashMap<>();
        route.weights().forEach((version, weight) -> weights.put(version, AttributeValue.fromN(weight.toString())));
        return AttributeValue.fromM(Map.of("version", AttributeValue.fromS(route.version()), "weights", AttributeValue.fromM(weights)));
    }

    private static AliasMove aliasMove(Map<String, AttributeValue> map) {
        return new AliasMove(map.get("alias").s(), map.get("publishedVersion").s(), route(map.get("before").m()),
                route(map.get("canary").m()), map.containsKey("warmedConcurrency") ? Integer.valueOf(map.get("warmedConcurrency").n()) : null);
    }

    private static AliasRouting route(Map<String, AttributeValue> map) {
        Map<String, Double> weights = new HashMap<>();
        map.get("weights").m().forEach((version, weight) -> weights.put(version, Double.valueOf(weight.n())));
        return new AliasRouting(map.get("version").s(), weights);
    }

    static LedgerEntry fromItem(Map<String, AttributeValue> item) {
        return new LedgerEntry(s(item, PARTITION_KEY), s(item, "itemId"), s(item, FUNCTION_KEY), s(item, "functionName"),
                RecommendationKind.valueOf(s(item, "kind")), LedgerAction.valueOf(s(item, "action")), s(item, "before"),
                s(item, "after"), s(item, "actor"), Instant.parse(s(item, "at")),
                new BigDecimal(item.get("estimatedMonthlySavingUsd").n()),
                optional(item, "revisionAfter"), optional(item, "decisionKey"), optional(item, "planDigest"),
                item.containsKey("aliasMove") ? aliasMove(item.get("aliasMove").m()) : null,
                optional(item, "reason"));
    }

    private static String optional(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? item.get(name).s() : null;
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new IllegalStateException("ledger item " + item.get(SORT_KEY) + " has no " + name);
        }
        return value.s();
    }
}
