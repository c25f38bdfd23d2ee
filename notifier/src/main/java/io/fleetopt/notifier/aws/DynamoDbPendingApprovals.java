package io.fleetopt.notifier.aws;

import io.fleetopt.core.json.DocumentCodec;
import io.fleetopt.notifier.approval.ApprovalRecord;
import io.fleetopt.notifier.approval.DecisionTaken;
import io.fleetopt.notifier.approval.PendingApproval;
import io.fleetopt.notifier.approval.PendingApprovals;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The approvals table (partition key {@code runId}): one item per run with the pending approval (task token
 * included) and, once taken, the decision, set by a conditional update so that only one decision is ever
 * recorded. Only RequestApproval (PutItem) and the review endpoint (GetItem, UpdateItem) may touch it; the other
 * stages cannot read the token. Items expire ({@code expireAt}, DynamoDB TTL) 30 days after their deadline.
 */
public final class DynamoDbPendingApprovals implements PendingApprovals, AutoCloseable {

    public static final String PARTITION_KEY = "runId";
    public static final String TTL_ATTRIBUTE = "expireAt";
    /** What RequestApproval calls. */
    public static final List<String> OPEN_IAM_ACTIONS = List.of("dynamodb:PutItem");
    /** What the review endpoint calls. */
    public static final List<String> REVIEW_IAM_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:UpdateItem");
    static final Duration KEPT_AFTER_DEADLINE = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;
    private final DocumentCodec codec;

    public DynamoDbPendingApprovals(DynamoDbClient dynamo, String table, DocumentCodec codec) {
        this.dynamo = dynamo;
        this.table = table;
        this.codec = codec;
    }

    @Override
    public void open(PendingApproval pending) {
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(Map.of(PARTITION_KEY, AttributeValue.fromS(pending.runId()),
                            "pending", AttributeValue.fromS(codec.writeLine(pending)),
                            TTL_ATTRIBUTE, AttributeValue.fromN(String.valueOf(
                                    pending.expiresAt().plus(KEPT_AFTER_DEADLINE).getEpochSecond()))))
                    .conditionExpression("attribute_not_exists(decision)"));
        } catch (ConditionalCheckFailedException decided) {
            throw new IllegalStateException("run " + pending.runId() + " was already decided (table " + table
                    + "); its approval cannot be requested again", decided);
        } catch (SdkException e) {
            throw AwsCallException.of("keep the pending approval of run " + pending.runId() + " in DynamoDB table " + table,
                    "dynamodb:PutItem on " + table, e);
        }
    }

    @Override
    public Optional<ApprovalRecord> find(String runId) {
        GetItemResponse response;
        try {
            response = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                    .key(Map.of(PARTITION_KEY, AttributeValue.fromS(runId))));
        } catch (SdkException e) {
            throw AwsCallException.of("read the pending approval of run " + runId + " from DynamoDB table " + table,
                    "dynamodb:GetItem on " + table, e);
        }
        if (!response.hasItem() || response.item().get("pending") == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        String source = "approvals table " + table + " item " + runId;
        PendingApproval pending = codec.read(item.get("pending").s(), PendingApproval.class, source + " pending");
        DecisionTaken decision = item.containsKey("decision")
                ? codec.read(item.get("decision").s(), DecisionTaken.class, source + " decision") : null;
        return Optional.of(new ApprovalRecord(pending, decision));
    }

    @Override
    public boolean recordOnce(String runId, DecisionTaken decision) {
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(Map.of(PARTITION_KEY, AttributeValue.fromS(runId)))
                    .updateExpression("SET decision = :decision")
                    .conditionExpression("attribute_exists(pending) AND attribute_not_exists(decision)")
                    .expressionAttributeValues(Map.of(":decision", AttributeValue.fromS(codec.writeLine(decision)))));
            return true;
        } catch (ConditionalCheckFailedException alreadyDecided) {
            return false;
        } catch (SdkException e) {
            throw AwsCallException.of("record the decision on run " + runId + " in DynamoDB table " + table,
                    "dynamodb:UpdateItem on " + table, e);
        }
    }

    @Override
    public void close() {
        dynamo.close();
    }
}
