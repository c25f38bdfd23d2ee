package io.fleetopt.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.UUID;

/** Creates a ledger table as infra defines it (keys and both indexes), under a fresh name. */
public final class LedgerTable {

    private LedgerTable() {
    }

    public static String create(DynamoDbClient dynamo) {
        return create(dynamo, "ledger-" + UUID.randomUUID());
    }

    /** The ledger table under {@code table}, e.g. the name a recorded stack output gives it. */
    public static String create(DynamoDbClient dynamo, String table) {
        dynamo.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        a -> a.attributeName(DynamoDbChangeLedger.PARTITION_KEY).attributeType(ScalarAttributeType.S),
                        a -> a.attributeName(DynamoDbChangeLedger.SORT_KEY).attributeType(ScalarAttributeType.S),
                        a -> a.attributeName(DynamoDbChangeLedger.FUNCTION_KEY).attributeType(ScalarAttributeType.S),
                        a -> a.attributeName(DynamoDbChangeLedger.DAY_KEY).attributeType(ScalarAttributeType.S),
                        a -> a.attributeName(DynamoDbChangeLedger.AT_KEY).attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName(DynamoDbChangeLedger.PARTITION_KEY).keyType(KeyType.HASH),
                        k -> k.attributeName(DynamoDbChangeLedger.SORT_KEY).keyType(KeyType.RANGE))
                .globalSecondaryIndexes(
                        g -> g.indexName(DynamoDbChangeLedger.BY_FUNCTION)
                                .keySchema(k -> k.attributeName(DynamoDbChangeLedger.FUNCTION_KEY).keyType(KeyType.HASH),
                                        k -> k.attributeName(DynamoDbChangeLedger.AT_KEY).keyType(KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.ALL)),
                        g -> g.indexName(DynamoDbChangeLedger.BY_DAY)
                                .keySchema(k -> k.attributeName(DynamoDbChangeLedger.DAY_KEY).keyType(KeyType.HASH),
                                        k -> k.attributeName(DynamoDbChangeLedger.AT_KEY).keyType(KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.ALL))));
        return table;
    }
}
