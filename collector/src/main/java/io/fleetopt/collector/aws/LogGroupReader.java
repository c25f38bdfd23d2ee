package io.fleetopt.collector.aws;

import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads log groups in bulk: every {@code /aws/lambda/} group through DescribeLogGroups' paginator (50 a page),
 * then each custom group (a function's logging config) by its exact name as prefix.
 */
final class LogGroupReader {

    static final String LAMBDA_PREFIX = "/aws/lambda/";
    static final int PAGE_SIZE = 50;

    private final CloudWatchLogsClient logs;

    LogGroupReader(CloudWatchLogsClient logs) {
        this.logs = logs;
    }

    /** Every {@code /aws/lambda/} group by name; a group that does not exist (a function never invoked) is absent. */
    Map<String, LogGroupFacts> readLambdaGroups() {
        Map<String, LogGroupFacts> groups = new HashMap<>();
        describe(LAMBDA_PREFIX, groups);
        return groups;
    }

    /** Adds the custom groups (outside {@code /aws/lambda/}) not read yet. */
    void readCustomGroups(Collection<String> names, Map<String, LogGroupFacts> into) {
        for (String custom : names) {
            if (!custom.startsWith(LAMBDA_PREFIX) && !into.containsKey(custom)) {
                describe(custom, into);
            }
        }
    }

    private void describe(String prefix, Map<String, LogGroupFacts> into) {
        logs.describeLogGroupsPaginator(b -> b.logGroupNamePrefix(prefix).limit(PAGE_SIZE)).logGroups()
                .forEach(group -> into.put(group.logGroupName(), facts(group)));
    }

    private static LogGroupFacts facts(LogGroup group) {
        return new LogGroupFacts(group.logGroupName(), group.retentionInDays(), group.storedBytes());
    }
}
