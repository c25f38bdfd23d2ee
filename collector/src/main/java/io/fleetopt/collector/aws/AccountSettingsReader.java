package io.fleetopt.collector.aws;

import io.fleetopt.core.model.AccountConcurrency;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AccountLimit;

/** The region's concurrency limit and unreserved concurrency, from one GetAccountSettings. */
final class AccountSettingsReader {

    private final LambdaClient lambda;

    AccountSettingsReader(LambdaClient lambda) {
        this.lambda = lambda;
    }

    AccountConcurrency read() {
        AccountLimit limit = lambda.getAccountSettings(b -> { }).accountLimit();
        return new AccountConcurrency(limit.concurrentExecutions(), limit.unreservedConcurrentExecutions());
    }
}
