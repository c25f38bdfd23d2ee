package io.fleetopt.infra;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.CfnEventBusPolicy;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * In the management stack of a deployment with member accounts: the default event bus's resource policy lets exactly
 * the member accounts (the listed ones, or the accounts under the organizational unit or root, by
 * {@code aws:PrincipalOrgPaths}) put events on it, so that the guard alarm state changes their member stacks forward
 * ({@link GuardAlarmForwarding}) reach the {@link AutoRollback} rule, which does not filter by account.
 */
final class MemberAlarmEvents extends Construct {

    static final String STATEMENT_ID = "fleetopt-member-guard-alarms";

    private final CfnEventBusPolicy policy;

    MemberAlarmEvents(Construct scope, String id, MemberAccountSettings members) {
        super(scope, id);
        Stack stack = Stack.of(this);
        String bus = "arn:" + stack.getPartition() + ":events:" + stack.getRegion() + ":" + stack.getAccount() + ":event-bus/default";
        Map<String, Object> statement = new java.util.LinkedHashMap<>();
        statement.put("Sid", STATEMENT_ID);
        statement.put("Effect", "Allow");
        statement.put("Action", "events:PutEvents");
        statement.put("Resource", bus);
        if (members.memberAccounts().isEmpty()) {
            statement.put("Principal", "*");
            statement.put("Condition", Map.of("ForAnyValue:StringLike", Map.of("aws:PrincipalOrgPaths", List.of(orgPath(members.organizationalUnit())))));
        } else {
            statement.put("Principal", Map.of("AWS", members.memberAccounts().stream()
                    .map(a -> "arn:" + stack.getPartition() + ":iam::" + a + ":root").toList()));
        }
        policy = CfnEventBusPolicy.Builder.create(this, "MemberAccountsPutEvents")
                .eventBusName("default")
                .statementId(STATEMENT_ID)
                .statement(statement)
                .build();
    }

    /** The accounts under a parent: {@code o-*}/{@code r-…}/… for a root, …/{@code ou-…}/… for an organizational unit. */
    static String orgPath(String parent) {
        return parent.startsWith("r-") ? "o-*/" + parent + "/*" : "o-*/*/" + parent + "/*";
    }

    CfnEventBusPolicy policy() {
        return policy;
    }
}
