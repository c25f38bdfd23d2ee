package io.fleetopt.aws;

import io.fleetopt.core.port.LeaseHeldException;
import io.fleetopt.core.port.RunLease;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The lease on the account as one item of the ledger table (run {@value #LEASE_RUN_ID}, which no run id can be):
 * taken with a conditional put that succeeds when nobody holds it, its holder is this run, or it expired. Each
 * acquire renews it for {@link #DURATION}; releasing expires it (a put again: the appliers never delete).
 */
public final class DynamoDbRunLease implements RunLease {

    public static final String LEASE_RUN_ID = "#lease";
    public static final String LEASE_KEY = "account";
    public static final Duration DURATION = Duration.ofMinutes(30);
    /** What the lease calls: conditional puts, and a read of the holder when it is taken. */
    public static final List<String> IAM_ACTIONS = List.of("dynamodb:PutItem", "dynamodb:GetItem");

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbRunLease(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void acquire(String runId) {
        Instant now = clock.instant();
        try {
            put(runId, now.plus(DURATION), "attribute_not_exists(#run) OR #holder = :me OR #expires <= :now", runId, now);
        } catch (ConditionalCheckFailedException held) {
            GetItemResponse current = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key()));
            Map<String, AttributeValue> item = current.item();
            String holder = item.containsKey("holder") ? item.get("holder").s() : "(unknown)";
            Instant expires = item.containsKey("expiresAt") ? Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n())) : now;
            throw new LeaseHeldException(holder, expires);
        }
    }

    @Override
    public void release(String runId) {
        Instant now = clock.instant();
        try {
            put(runId, now, "#holder = :me", runId, now);
        } catch (ConditionalCheckFailedException notOurs) {
            // another run holds it (or nobody): nothing of ours to release
        }
    }

    private void put(String holder, Instant expiresAt, String condition, String me, Instant now) {
        dynamo.putItem(r -> r.tableName(table)
                .item(Map.of(DynamoDbChangeLedger.PARTITION_KEY, AttributeValue.fromS(LEASE_RUN_ID),
                        DynamoDbChangeLedger.SORT_KEY, AttributeValue.fromS(LEASE_KEY),
                        "holder", AttributeValue.fromS(holder),
                        "expiresAt", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond()))))
                .conditionExpression(condition)
                .expressionAttributeNames(condition.contains("#run")
                        ? Map.of("#run", DynamoDbChangeLedger.PARTITION_KEY, "#holder", "holder", "#expires", "expiresAt")
                        : Map.of("#holder", "holder"))
                .expressionAttributeValues(condition.contains(":now")
                        ? Map.of(":me", AttributeValue.fromS(me), ":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())))
                        : Map.of(":me", AttributeValue.fromS(me))));
    }

    private static Map<String, AttributeValue> key() {
        return Map.of(DynamoDbChangeLedger.PARTITION_KEY, AttributeValue.fromS(LEASE_RUN_ID),
                DynamoDbChangeLedger.SORT_KEY, AttributeValue.fromS(LEASE_KEY));
    }
}
